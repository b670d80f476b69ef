package dev.breakwater.core;

/**
 * The minimum time between consecutive calls of a lock-free rate limiter. Every attempt, admitted or refused,
 * becomes the previous call of the next one. The latest time seen is kept, so of two concurrent attempts the one
 * recorded second is measured against the later of the two times, and admitted calls are never closer together
 * than the spacing. The time is kept alone on its cache lines ({@link PaddedLong}): every attempt writes it.
 */
final class MinSpacing {

    private static final long NO_ATTEMPT_YET = Long.MIN_VALUE;

    private final long spacingNanos;
    private final PaddedLong lastAttempt = new PaddedLong(NO_ATTEMPT_YET);

    MinSpacing(long spacingNanos) {
        this.spacingNanos = spacingNanos;
    }

    /**
     * @param now the attempt's time
     * @return 0 if the attempt is far enough from the previous one; otherwise how much too early it came
     */
    long record(long now) {
        long previous = lastAttempt.getAndMax(now);
        if (previous == NO_ATTEMPT_YET) {
            return 0;
        }
        long since = now - previous;
        return since < spacingNanos ? spacingNanos - since : 0;
    }
}
