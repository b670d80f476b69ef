package dev.breakwater.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the attempt again after a retryable failure. The pause is a timer task, never a sleeping thread, and
 * each new attempt starts on a worker thread.
 */
final class AsyncRetry<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final RetryPolicy policy;
    private final ThreadPools threads;
    private final Ticker ticker;

    AsyncRetry(AsyncStage<C> next, RetryPolicy policy, ThreadPools threads, Ticker ticker) {
        this.next = next;
        this.policy = policy;
        this.threads = threads;
        this.ticker = ticker;
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
                outcome.complete(value);
                return;
            }
            Throwable cause = Futures.unwrap(failure);
            if (execution.cancelled() || !policy.retryOn().test(cause) || !policy.allowsRetry(retries)
                    || !policy.withinDuration(start, ticker.nanoTime())) {
                outcome.completeExceptionally(cause);
                return;
            }
            Runnable retry = () -> {
                if (policy.withinDuration(start, ticker.nanoTime())) {
                    attempt(context, execution, outcome, start, retries + 1);
                } else {
                    outcome.completeExceptionally(cause);
                }
            };
            long delay = policy.nextDelayNanos();
            if (delay == 0) {
                threads.executor().execute(retry);
            } else {
                threads.timer().schedule(() -> threads.executor().execute(retry), delay, TimeUnit.NANOSECONDS);
            }
        });
        if (retries > 0) {
            execution.runDeferred();
        }
    }
}
