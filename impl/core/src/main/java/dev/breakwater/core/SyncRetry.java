package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.RetryResult;
import java.util.concurrent.TimeUnit;

/**
 * Tries the call again after a retryable failure, or a result the policy retries, pausing between attempts, until
 * the policy's limits.
 */
final class SyncRetry<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final RetryPolicy policy;
    private final BeforeRetryHook<C> beforeRetry;
    private final Rejections rejections;
    private final String name;
    private final Ticker ticker;

    /** Without a duration limit no instant is ever compared, so the clock is not read at all (about 20 ns a call). */
    private final boolean timed;

    private final OperationMetrics metrics;

    /** @param beforeRetry runs before each retry, or {@code null} */
    SyncRetry(
            SyncStage<C> next,
            RetryPolicy policy,
            BeforeRetryHook<C> beforeRetry,
            Rejections rejections,
            String name,
            Ticker ticker,
            OperationMetrics metrics) {
        this.next = next;
        this.policy = policy;
        this.beforeRetry = beforeRetry;
        this.rejections = rejections;
        this.name = name;
        this.ticker = ticker;
        this.timed = policy.maxDurationNanos() > 0;
        this.metrics = metrics;
    }

    @Override
    Object call(C context) throws Exception {
        long start = now();
        int retries = 0;
        BackoffStrategy customPauses = null;
        while (true) {
            Object result;
            Throwable failure = null;
            RetryResult stop;
            try {
                result = next.call(context);
            } catch (Throwable thrown) {
                result = null;
                failure = thrown;
            }
            if (failure != null) {
                stop = policy.stopReason(failure, retries, start, now());
            } else if (policy.retriesResult(result)) {
                stop = policy.limitReason(retries, start, now());
            } else {
                record(retries, RetryResult.VALUE_RETURNED);
                return result;
            }
            if (stop == null) {
                if (retries == 0) {
                    customPauses = policy.startPauses();
                }
                pause(policy.nextDelayNanos(retries, failure, customPauses), failure);
                stop =
                        policy.withinDuration(start, now())
                                ? null
                                : RetryResult.MAX_DURATION_REACHED;
            }
            if (stop != null) {
                record(retries, stop);
                throw failure != null
                        ? Throwables.rethrow(failure)
                        : rejections.retriesExhausted(
                                name, stop == RetryResult.MAX_DURATION_REACHED);
            }
            retries++;
            if (metrics != null) {
                metrics.retry();
            }
            if (beforeRetry != null) {
                beforeRetry.run(context, failure);
            }
        }
    }

    /** @return the time, or 0 when the policy has no duration limit and so never compares instants */
    private long now() {
        return timed ? ticker.nanoTime() : 0;
    }

    private void record(int retries, RetryResult result) {
        if (metrics != null) {
            metrics.retryCall(retries > 0, result);
        }
    }

    /**
     * Sleeps interruptibly; an interrupt ends the retries with the interrupt, the last failure (if an attempt
     * failed) attached.
     */
    private static void pause(long nanos, Throwable lastFailure) throws InterruptedException {
        if (nanos == 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            if (lastFailure != null) {
                e.addSuppressed(lastFailure);
            }
            throw e;
        }
    }
}
