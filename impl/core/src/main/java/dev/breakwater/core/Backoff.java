package dev.breakwater.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the pause before each retry grows. The retry policy's delay is the first pause; its jitter is added to each
 * pause of the built-in backoffs, and the result is kept between 0 and the backoff's maximum.
 */
public sealed interface Backoff
        permits Backoff.Constant, Backoff.Exponential, Backoff.Fibonacci, Backoff.Custom {

    /** The same pause before every retry: MicroProfile's only backoff. */
    Backoff CONSTANT = new Constant();

    /** The same pause before every retry; use {@link #CONSTANT}. */
    record Constant() implements Backoff {

        static long pauseNanos(long delayNanos, long jitterNanos) {
            return Math.max(0, plusJitter(delayNanos, jitterNanos));
        }
    }

    /**
     * Pauses that grow by a factor: delay, delay × factor, delay × factor², ..., each at most the maximum.
     *
     * @param factor what each pause is multiplied by to give the next
     * @param maxDelayNanos the longest pause; 0 means no limit
     */
    record Exponential(int factor, long maxDelayNanos) implements Backoff {

        /** Validates the definition; see {@link #violations(int, long)}. */
        public Exponential {
            Violations.throwIfAny("exponential backoff", violations(factor, maxDelayNanos));
        }

        /**
         * @param factor the growth factor
         * @param maxDelayNanos the longest pause
         * @return what is wrong with the definition, empty when it is valid
         */
        public static List<Violation> violations(int factor, long maxDelayNanos) {
            return new Violations()
                    .require(factor >= 1, "factor", factor, "1 or more")
                    .require(
                            maxDelayNanos >= 0,
                            "maxDelay",
                            maxDelayNanos + " ns",
                            "0 (no limit) or more")
                    .list();
        }

        /** The growth stops at {@link Long#MAX_VALUE}, so it takes at most 63 steps and never wraps. */
        long pauseNanos(long delayNanos, int retry, long jitterNanos) {
            long pause = delayNanos;
            for (int i = 0; i < retry && factor > 1 && pause != 0 && pause != Long.MAX_VALUE; i++) {
                pause = SaturatedMath.multiply(pause, factor);
            }
            return capped(plusJitter(pause, jitterNanos), maxDelayNanos);
        }
    }

    /**
     * Pauses that grow along the Fibonacci sequence: delay × 1, 2, 3, 5, 8, 13, ..., each at most the maximum.
     *
     * @param maxDelayNanos the longest pause; 0 means no limit
     */
    record Fibonacci(long maxDelayNanos) implements Backoff {

        /** Validates the definition; see {@link #violations(long)}. */
        public Fibonacci {
            Violations.throwIfAny("Fibonacci backoff", violations(maxDelayNanos));
        }

        /**
         * @param maxDelayNanos the longest pause
         * @return what is wrong with the definition, empty when it is valid
         */
        public static List<Violation> violations(long maxDelayNanos) {
            return new Violations()
                    .require(
                            maxDelayNanos >= 0,
                            "maxDelay",
                            maxDelayNanos + " ns",
                            "0 (no limit) or more")
                    .list();
        }

        /** The growth stops at {@link Long#MAX_VALUE}, so it takes at most 92 steps and never wraps. */
        long pauseNanos(long delayNanos, int retry, long jitterNanos) {
            long previous = delayNanos;
            long pause = retry == 0 ? delayNanos : SaturatedMath.multiply(delayNanos, 2);
            for (int i = 1; i < retry && pause != 0 && pause != Long.MAX_VALUE; i++) {
                long next = SaturatedMath.add(previous, pause);
                previous = pause;
                pause = next;
            }
            return capped(plusJitter(pause, jitterNanos), maxDelayNanos);
        }
    }

    /**
     * Pauses computed by the application: each call that retries gets its own strategy, initialised with the
     * retry policy's delay. Jitter and a maximum do not apply; a pause of 0 or less means none.
     *
     * @param strategies gives a new strategy for each call
     */
    record Custom(Supplier<? extends BackoffStrategy> strategies) implements Backoff {

        /** Requires the supplier. */
        public Custom {
            Objects.requireNonNull(strategies, "strategies");
        }

        BackoffStrategy start(long delayNanos) {
            BackoffStrategy strategy = strategies.get();
            strategy.init(delayNanos);
            return strategy;
        }

        static long pauseNanos(BackoffStrategy strategy, Throwable failure) {
            return Math.max(0, strategy.nextDelayNanos(failure));
        }
    }

    /** @return {@code pause + jitter} for a pause of 0 or more, at most {@link Long#MAX_VALUE} */
    private static long plusJitter(long pause, long jitterNanos) {
        return jitterNanos < 0 ? pause + jitterNanos : SaturatedMath.add(pause, jitterNanos);
    }

    /** @return the pause within 0 and the maximum (0 meaning none) */
    private static long capped(long pause, long maxDelayNanos) {
        long atLeastZero = Math.max(0, pause);
        return maxDelayNanos == 0 ? atLeastZero : Math.min(atLeastZero, maxDelayNanos);
    }
}
