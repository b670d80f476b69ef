package dev.breakwater.cdi;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a switch written in config is read: the words MicroProfile Config users write for yes and no, and nothing
 * else, so that a misspelt value is an error rather than a silent {@code false}.
 */
public final class ConfigFlag {

    /** What a switch may be set to, as error messages say it. */
    public static final String ALLOWED = "true or false (also yes/no, y/n, on/off, 1/0)";

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "off", "0");

    private ConfigFlag() {}

    /**
     * @param text a switch's value as written
     * @return its meaning, or empty when it is none of the {@link #ALLOWED} words
     */
    public static Optional<Boolean> read(String text) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) {
            return Optional.of(true);
        }
        if (FALSE.contains(word)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }
}
