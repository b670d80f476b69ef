package dev.breakwater.core;

import java.util.concurrent.TimeUnit;

/**
 * Interrupts the caller's thread when the call outlives its timeout, and then fails the call with a timeout
 * even if the operation ignored the interrupt and returned normally. The container's {@link Watchdog} does the
 * interrupting; arming and disarming it take no lock.
 */
final class SyncTimeout<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final TimeoutPolicy policy;
    private final ThreadPools threads;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;
    private final Ticker ticker;

    SyncTimeout(
            SyncStage<C> next,
            TimeoutPolicy policy,
            ThreadPools threads,
            Rejections rejections,
            String name,
            OperationMetrics metrics,
            Ticker ticker) {
        this.next = next;
        this.policy = policy;
        this.threads = threads;
        this.rejections = rejections;
        this.name = name;
        this.metrics = metrics;
        this.ticker = ticker;
    }

    @Override
    Object call(C context) throws Exception {
        long start = metrics == null ? 0 : ticker.nanoTime();
        Alarm alarm = threads.watchdog().arm(policy.timeoutNanos());
        Object result = null;
        Throwable failure = null;
        try {
            result = next.call(context);
        } catch (Throwable t) {
            failure = t;
        }
        boolean timedOut = alarm.disarm();
        if (metrics != null) {
            metrics.timeoutCall(timedOut, ticker.nanoTime() - start);
        }
        if (timedOut) {
            RuntimeException timeout =
                    rejections.timedOut(name, TimeUnit.NANOSECONDS.toMillis(policy.timeoutNanos()));
            if (failure != null && !(failure instanceof InterruptedException)) {
                timeout.addSuppressed(failure);
            }
            throw timeout;
        }
        if (failure != null) {
            throw Throwables.rethrow(failure);
        }
        return result;
    }
}
