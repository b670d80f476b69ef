package dev.breakwater.core;

import java.util.List;

/**
 * How long a call may run before it is abandoned.
 *
 * @param timeoutNanos the time allowed; zero means the call is never timed out
 */
public record TimeoutPolicy(long timeoutNanos) {

    /** Validates the definition; see {@link #violations(long)}. */
    public TimeoutPolicy {
        Violations.throwIfAny("timeout policy", violations(timeoutNanos));
    }

    /**
     * @param timeoutNanos the time allowed
     * @return what is wrong with the definition, empty when it is valid
     */
    public static List<Violation> violations(long timeoutNanos) {
        return new Violations()
                .require(timeoutNanos >= 0, "value", timeoutNanos + " ns", "0 or more")
                .list();
    }
}
