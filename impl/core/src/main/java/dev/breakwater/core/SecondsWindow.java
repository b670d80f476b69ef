package dev.breakwater.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The time-based window: the calls of the last {@code seconds} seconds, in a ring of one bucket per second. A
 * bucket is taken over for a new second by the compare-and-set of the second it holds, and its counts are then
 * cleared; calls count in adders, so busy callers do not contend for one memory location. Nothing is locked or
 * allocated (an adder allocates its cells once, the first time callers contend on it).
 *
 * <p>An outcome recorded in the instant its bucket is being taken over may be lost (the window is a statistic); a
 * call's failure is counted before the call, so a clearing in between never leaves more failures than calls. The
 * window is judged (its buckets summed) only while it holds a failure or slow call, since only they can bring a
 * ratio up.
 */
final class SecondsWindow implements OutcomeWindow {

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final int seconds;
    private final long origin;
    private final int minimumCalls;
    private final double failureRatio;
    private final double slowCallRatio;

    /** With a failure ratio of 0 a window of successes opens the breaker once it holds the minimum calls. */
    private final boolean judgeEveryCall;

    private final AtomicLongArray bucketSecond;
    private final LongAdder[] calls;
    private final AtomicLongArray failures;
    private final AtomicLongArray slow;
    private volatile long lastTroubleSecond;

    SecondsWindow(
            long windowNanos,
            int minimumCalls,
            double failureRatio,
            double slowCallRatio,
            long origin) {
        this.seconds = (int) (windowNanos / NANOS_PER_SECOND);
        this.origin = origin;
        this.minimumCalls = minimumCalls;
        this.failureRatio = failureRatio;
        this.slowCallRatio = slowCallRatio;
        this.judgeEveryCall = CircuitBreakerOptions.countToOpen(failureRatio, minimumCalls) == 0;
        this.bucketSecond = new AtomicLongArray(seconds);
        this.calls = new LongAdder[seconds];
        for (int i = 0; i < seconds; i++) {
            calls[i] = new LongAdder();
        }
        this.failures = new AtomicLongArray(seconds);
        this.slow = new AtomicLongArray(seconds);
        this.lastTroubleSecond = -seconds;
    }

    @Override
    public boolean record(boolean failure, boolean slowCall, long now) {
        long second = Math.max(0, now - origin) / NANOS_PER_SECOND;
        int index = (int) (second % seconds);
        if (!claim(index, second)) {
            return false;
        }
        if (failure) {
            failures.incrementAndGet(index);
        }
        if (slowCall) {
            slow.incrementAndGet(index);
        }
        calls[index].increment();
        if (failure || slowCall) {
            if (lastTroubleSecond < second) {
                lastTroubleSecond = second;
            }
        } else if (second - lastTroubleSecond >= seconds && !judgeEveryCall) {
            return false;
        }
        return reached(second);
    }

    /** @return whether the bucket now counts {@code second}; false when the outcome is older than the window */
    private boolean claim(int index, long second) {
        long held = bucketSecond.get(index);
        if (held == second) {
            return true;
        }
        if (held < second && bucketSecond.compareAndSet(index, held, second)) {
            calls[index].reset();
            failures.set(index, 0);
            slow.set(index, 0);
            return true;
        }
        return bucketSecond.get(index) == second;
    }

    private boolean reached(long second) {
        long total = 0;
        long failed = 0;
        long slowed = 0;
        for (int i = 0; i < seconds; i++) {
            long held = bucketSecond.get(i);
            if (held <= second && second - held < seconds) {
                total += calls[i].sum();
                failed += failures.get(i);
                slowed += slow.get(i);
            }
        }
        return total >= minimumCalls
                && (failed >= CircuitBreakerOptions.countToOpen(failureRatio, total)
                        || slowed >= CircuitBreakerOptions.countToOpen(slowCallRatio, total));
    }
}
