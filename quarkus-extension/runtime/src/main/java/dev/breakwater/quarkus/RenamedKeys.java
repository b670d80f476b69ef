package dev.breakwater.quarkus;

import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Breakwater's settings that moved under {@code quarkus.breakwater} ({@link BreakwaterConfig}): the old keys are
 * still read, and a warning names the new key, so that a key a user set is never silently ignored.
 */
final class RenamedKeys {

    /** The old key of {@code quarkus.breakwater.health.down-when-open}. */
    static final String DOWN_WHEN_OPEN = "breakwater.health.down-when-open";

    /** The old key of {@code quarkus.breakwater.refusals.stackless}; the Weld extension still reads it as its own. */
    static final String STACKLESS_REFUSALS = "breakwater.refusals.stackless";

    private static final List<String> OLD_KEYS = List.of(DOWN_WHEN_OPEN, STACKLESS_REFUSALS);
    private static final Logger LOG = Logger.getLogger(RenamedKeys.class);

    private RenamedKeys() {}

    /**
     * Warns of every old key that is set: it is deprecated, or ignored when its new key is set too.
     *
     * @throws IllegalArgumentException when an old key in effect holds no yes or no word
     */
    static void warnIfSet(Config config) {
        for (String oldKey : OLD_KEYS) {
            Optional<String> old = config.getOptionalValue(oldKey, String.class);
            if (old.isPresent()) {
                String newKey = newKey(oldKey);
                Optional<String> current = config.getOptionalValue(newKey, String.class);
                if (current.isPresent()) {
                    LOG.warnf(
                            "%s = '%s' is ignored: %s = '%s' is set and replaces it",
                            oldKey, old.get(), newKey, current.get());
                } else {
                    read(oldKey, old.get());
                    LOG.warnf("%s is deprecated on Quarkus; use %s", oldKey, newKey);
                }
            }
        }
    }

    /**
     * @param current the setting's value under its new key, if set
     * @param oldKey its old key
     * @return the value under the new key, else under the old one, else {@code false}
     */
    static boolean flag(Optional<Boolean> current, String oldKey, Config config) {
        return current.orElseGet(
                () ->
                        config.getOptionalValue(oldKey, String.class)
                                .map(text -> read(oldKey, text))
                                .orElse(false));
    }

    private static boolean read(String key, String text) {
        try {
            return new StrictFlagConverter().convert(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " = " + e.getMessage(), e);
        }
    }

    private static String newKey(String oldKey) {
        return "quarkus." + oldKey;
    }
}
