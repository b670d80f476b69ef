package dev.breakwater.core;

import dev.breakwater.core.OperationMetrics.RetryResult;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts the attempt again after a retryable failure, or a result the policy retries. The pause is a timer task,
 * never a sleeping thread, and each new attempt starts on a worker thread: never on the timer's one thread, and
 * never in a loop on the thread whose attempt failed (a refusal fails on the caller's thread before the call
 * returns).
 */
final class AsyncRetry<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final RetryPolicy policy;
    private final BeforeRetryHook<C> beforeRetry;
    private final Rejections rejections;
    private final String name;
    private final ThreadPools threads;
    private final Ticker ticker;
    private final OperationMetrics metrics;

    /** @param beforeRetry runs before each retry, on the thread that starts it, or {@code null} */
    AsyncRetry(
            AsyncStage<C> next,
            RetryPolicy policy,
            BeforeRetryHook<C> beforeRetry,
            Rejections rejections,
            String name,
            ThreadPools threads,
            Ticker ticker,
            OperationMetrics metrics) {
        this.next = next;
        this.policy = policy;
        this.beforeRetry = beforeRetry;
        this.rejections = rejections;
        this.name = name;
        this.threads = threads;
        this.ticker = ticker;
        this.metrics = metrics;
    }

    @Override
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        attempt(context, execution, outcome, ticker.nanoTime(), 0, null);
        return outcome;
    }

    /**
     * @param pauses the call's own strategy of a custom backoff, created at its first retry; {@code null} before
     *               it and for the built-in backoffs
     */
    private void attempt(
            C context,
            AsyncExecution execution,
            CompletableFuture<Object> outcome,
            long start,
            int retries,
            BackoffStrategy pauses) {
        if (execution.cancelled()) {
            outcome.completeExceptionally(new CancellationException("cancelled by the caller"));
            return;
        }
        next.call(context, execution)
                .whenComplete(
                        (value, failure) -> {
                            try {
                                decide(
                                        context, execution, outcome, start, retries, pauses, value,
                                        failure);
                            } catch (Throwable e) {
                                // a result predicate or the backoff threw: the call ends with it
                                // rather than never
                                finish(
                                        outcome,
                                        null,
                                        e,
                                        retries,
                                        RetryResult.EXCEPTION_NOT_RETRYABLE);
                            }
                        });
    }

    private void decide(
            C context,
            AsyncExecution execution,
            CompletableFuture<Object> outcome,
            long start,
            int retries,
            BackoffStrategy pauses,
            Object value,
            Throwable failure) {
        Throwable cause = failure == null ? null : Futures.unwrap(failure);
        RetryResult stop;
        if (cause == null && !policy.retriesResult(value)) {
            finish(outcome, value, null, retries, RetryResult.VALUE_RETURNED);
            return;
        }
        if (execution.cancelled()) {
            stop = RetryResult.EXCEPTION_NOT_RETRYABLE;
        } else {
            stop =
                    cause != null
                            ? policy.stopReason(cause, retries, start, ticker.nanoTime())
                            : policy.limitReason(retries, start, ticker.nanoTime());
        }
        if (stop != null) {
            end(outcome, value, cause, retries, stop);
            return;
        }
        BackoffStrategy callPauses = retries == 0 ? policy.startPauses() : pauses;
        Runnable retry =
                () -> {
                    if (!policy.withinDuration(start, ticker.nanoTime())) {
                        end(outcome, value, cause, retries, RetryResult.MAX_DURATION_REACHED);
                        return;
                    }
                    if (metrics != null) {
                        metrics.retry();
                    }
                    if (beforeRetry != null) {
                        beforeRetry.run(context, cause);
                    }
                    attempt(context, execution, outcome, start, retries + 1, callPauses);
                };
        // The strategy's calls come one after the other: each retry is started from the one before
        // it.
        long delay = policy.nextDelayNanos(retries, cause, callPauses);
        try {
            if (delay == 0) {
                threads.workers().execute(retry);
            } else {
                threads.timer()
                        .schedule(
                                () -> threads.workers().execute(retry),
                                delay,
                                TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException refused) {
            // Closed pools refuse the retry: the call ends with the refusal, carrying the failure
            // that wanted it.
            if (cause != null) {
                refused.addSuppressed(cause);
            }
            throw refused;
        }
    }

    /**
     * Ends the call when no retry follows: with the attempt's failure; with its result if the call was cancelled;
     * otherwise, as the result is one the policy retries, with the exhausted-retries exception.
     */
    private void end(
            CompletableFuture<Object> outcome,
            Object value,
            Throwable cause,
            int retries,
            RetryResult stop) {
        if (cause != null || stop == RetryResult.EXCEPTION_NOT_RETRYABLE) {
            finish(outcome, value, cause, retries, stop);
        } else {
            finish(
                    outcome,
                    null,
                    rejections.retriesExhausted(name, stop == RetryResult.MAX_DURATION_REACHED),
                    retries,
                    stop);
        }
    }

    private void finish(
            CompletableFuture<Object> outcome,
            Object value,
            Throwable failure,
            int retries,
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
