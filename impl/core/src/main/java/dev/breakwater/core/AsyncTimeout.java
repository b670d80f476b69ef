package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fails the attempt with a timeout when it has not completed in time, and stops it: a queued attempt never
 * starts, a running one is interrupted. The time spent waiting in a bulkhead counts.
 */
final class AsyncTimeout<C> extends AsyncStage<C> {

    private final AsyncStage<C> next;
    private final TimeoutPolicy policy;
    private final ThreadPools threads;
    private final Rejections rejections;
    private final String name;
    private final OperationMetrics metrics;
    private final Ticker ticker;

    AsyncTimeout(
            AsyncStage<C> next,
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
    CompletableFuture<Object> call(C context, AsyncExecution execution) {
        long start = ticker.nanoTime();
        CompletableFuture<Object> attempted = next.call(context, execution);
        if (attempted.isDone()) {
            // Refused, or run without offload and already over: nothing left to time.
            record(false, start);
            return attempted;
        }
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        AtomicBoolean decided = new AtomicBoolean();
        // Armed only once the attempt exists: an alarm that went off before could not reach it, and
        // an attempt that
        // waits to be interrupted would then run, holding its bulkhead place, for ever. Whether the
        // attempt is
        // queued, about to start or already running, the alarm can still stop it.
        AsyncTask<?> attempt = execution.current();
        // The timer thread only hands over: what runs when the outcome completes (retry, fallback)
        // belongs on a
        // worker thread, never on the one thread every timeout of the container shares.
        ScheduledFuture<?> alarm =
                threads.timer()
                        .schedule(
                                () ->
                                        threads.workers()
                                                .execute(
                                                        () ->
                                                                expire(
                                                                        outcome, attempt, decided,
                                                                        start)),
                                policy.timeoutNanos(),
                                TimeUnit.NANOSECONDS);
        attempted.whenComplete(
                (value, failure) -> {
                    alarm.cancel(false);
                    if (!decided.compareAndSet(false, true)) {
                        return;
                    }
                    record(false, start);
                    if (failure != null) {
                        outcome.completeExceptionally(Futures.unwrap(failure));
                    } else {
                        outcome.complete(value);
                    }
                });
        return outcome;
    }

    /**
     * Stops the attempt before the caller can see the timeout, so that by then a queued attempt has left the
     * bulkhead queue and a new call finds its place free.
     */
    private void expire(
            CompletableFuture<Object> outcome,
            AsyncTask<?> attempt,
            AtomicBoolean decided,
            long start) {
        if (!decided.compareAndSet(false, true)) {
            return;
        }
        record(true, start);
        RuntimeException timeout =
                rejections.timedOut(name, TimeUnit.NANOSECONDS.toMillis(policy.timeoutNanos()));
        if (attempt != null) {
            attempt.cancel(timeout, true);
        }
        outcome.completeExceptionally(timeout);
    }

    private void record(boolean timedOut, long start) {
        if (metrics != null) {
            metrics.timeoutCall(timedOut, ticker.nanoTime() - start);
        }
    }
}
