package dev.breakwater.redis;

import java.util.regex.Pattern;

/**
 * The names of one application's keys and channel, all under {@code breakwater:<application>:}, so that
 * applications sharing a Redis never see each other's breakers and an ACL can grant exactly this prefix.
 */
final class FleetKeys {

    private static final Pattern APPLICATION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String prefix;

    FleetKeys(String application) {
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
    String prefix() {
        return prefix;
    }

    /** @return the channel changes of state are announced on */
    String channel() {
        return prefix + "transitions";
    }

    /** @return a rate limiter's key: its tokens granted per window and the instances that asked */
    String limiter(String limiter) {
        return prefix + "limiter:" + limiter;
    }

    /** @return a breaker's state, window and hold keys, in the order the script takes them */
    String[] of(String breaker) {
        String base = prefix + "breaker:" + breaker;
        return new String[] {base + ":state", base + ":window", base + ":hold"};
    }
}
