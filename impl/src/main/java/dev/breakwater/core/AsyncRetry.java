package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.RetryResult;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the attempt again after a retryable failure. The pause is a timer task, never a sleeping thread, and
 * each new attempt starts on a worker thread: never on the timer's one thread, and never in a loop on the thread
 * whose attempt failed (a refusal fails on the caller's thread before the call returns).
 */
final class AsyncRetry<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final RetryPolicy policy;
    private final ThreadPools threads;
    private final Ticker ticker;
    private final OperationMetrics metrics;

    AsyncRetry(AsyncStage<C> next, RetryPolicy policy, ThreadPools threads, Ticker ticker, OperationMetrics metrics) {
        this.next = next;
        this.policy = policy;
        this.threads = threads;
        this.ticker = ticker;
        this.metrics = metrics;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        attempt(context, execution, outcome, ticker.nanoTime(), 0);
        return outcome;
    }

    private void attempt(C context, AsyncExecution execution, CompletableFuture<Object> outcome, long start,
                         int retries) {
        if (execution.cancelled()) {
            outcome.completeExceptionally(new CancellationException("cancelled by the caller"));
            return;
        }
        next.call(context, execution).whenComplete((value, failure) -> {
            if (failure == null) {
                finish(outcome, value, null, retries, RetryResult.VALUE_RETURNED);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            RetryResult stop = execution.cancelled() ? RetryResult.EXCEPTION_NOT_RETRYABLE
                    : policy.stopReason(cause, retries, start, ticker.nanoTime());
            if (stop != null) {
                finish(outcome, null, cause, retries, stop);
                return;
            }
            Runnable retry = () -> {
                if (!policy.withinDuration(start, ticker.nanoTime())) {
                    finish(outcome, null, cause, retries, RetryResult.MAX_DURATION_REACHED);
                    return;
                }
                if (metrics != null) {
                    metrics.retry();
                }
                attempt(context, execution, outcome, start, retries + 1);
            };
            // no per-call state on this path yet, so a custom backoff pauses the constant delay here
            long delay = policy.nextDelayNanos(retries, cause, null);
            try {
                if (delay == 0) {
                    threads.executor().execute(retry);
                } else {
                    threads.timer().schedule(() -> threads.executor().execute(retry), delay, TimeUnit.NANOSECONDS);
                }
            } catch (RuntimeException refused) {
                // Closed pools refuse the retry; thrown here, it would be lost in this callback's stage and the
                // call would never complete.
                refused.addSuppressed(cause);
                finish(outcome, null, refused, retries, RetryResult.EXCEPTION_NOT_RETRYABLE);
            }
        });
    }

    private void finish(CompletableFuture<Object> outcome, Object value, Throwable failure, int retries,
                        RetryResult result) {
        if (metrics != null) {
            metrics.retryCall(retries > 0, result);
        }
        if (failure == null) {
            outcome.complete(value);
        } else {
            outcome.completeExceptionally(failure);
        }
    }
}
