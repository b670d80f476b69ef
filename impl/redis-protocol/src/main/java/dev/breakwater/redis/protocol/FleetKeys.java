package dev.breakwater.redis.protocol;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of one application's keys and channel, all under {@code breakwater:<application>:}, so that
 * applications sharing a Redis never see each other's breakers and an ACL can grant exactly this prefix.
 */
public final class FleetKeys {

    private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String prefix;

    /**
     * @param application the application's name: 1 to 64 letters, digits, '.', '_' or '-'
     * @throws IllegalArgumentException naming the application and what is allowed
     */
    public FleetKeys(String application) {
        if (!APPLICATION.matcher(application).matches()) {
            throw new IllegalArgumentException(
                    "Redis fleet backend: application("
                            + application
                            + ") is invalid;"
                            + " allowed: 1 to 64 letters, digits, '.', '_' or '-' (it names the keys breakwater:<application>:*)");
        }
        this.prefix = "breakwater:" + application + ":";
    }

    /** @return the prefix of every key, {@code breakwater:<application>:} */
    public String prefix() {
        return prefix;
    }

    /** @return the channel changes of state are announced on */
    public String channel() {
        return prefix + "transitions";
    }

    /** @return a rate limiter's key: its tokens granted per window and the instances that asked */
    public String limiter(String limiter) {
        return prefix + "limiter:" + limiter;
    }

    /** @return a breaker's state, window and hold keys, in the order the script takes them */
    public List<String> of(String breaker) {
        String base = prefix + "breaker:" + breaker;
        return List.of(base + ":state", base + ":window", base + ":hold");
    }
}
