package dev.breakwater.core;

import java.util.concurrent.TimeUnit;

/** Tries the call again after a retryable failure, pausing between attempts, until the policy's limits. */
final class SyncRetry<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final RetryPolicy policy;
    private final Ticker ticker;

    SyncRetry(SyncStage<C> next, RetryPolicy policy, Ticker ticker) {
        this.next = next;
        this.policy = policy;
        this.ticker = ticker;
    }

    @Override
    Object call(C context) throws Exception {
        long start = ticker.nanoTime();
        int retries = 0;
        while (true) {
            try {
                return next.call(context);
            } catch (Throwable failure) {
                if (!policy.retryOn().test(failure) || !policy.allowsRetry(retries)
                        || !policy.withinDuration(start, ticker.nanoTime())) {
                    throw failure;
                }
                pause(policy.nextDelayNanos(), failure);
                if (!policy.withinDuration(start, ticker.nanoTime())) {
                    throw failure;
                }
                retries++;
            }
        }
    }

    /** Sleeps interruptibly; an interrupt ends the retries with the interrupt, the last failure attached. */
    private static void pause(long nanos, Throwable lastFailure) throws InterruptedException {
        if (nanos == 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            e.addSuppressed(lastFailure);
            throw e;
        }
    }
}
