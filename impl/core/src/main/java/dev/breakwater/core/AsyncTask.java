package dev.breakwater.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One attempt of an asynchronous call: the guarded operation run once, on the thread its {@link Offload} gives
 * it, with the means to cancel it while it waits or interrupt it while it runs.
 *
 * <p>The life of an attempt, on the thread that makes it (the caller's for the first attempt):
 * <ol>
 *   <li>the bottom stage creates it ({@link AsyncInvoke}, or {@link AsyncBulkhead} which first has the
 *   {@link QueueingBulkhead} start, queue or refuse it; the bulkhead sets its hooks before deciding, since a
 *   queued attempt may be started or cancelled by another thread at once);</li>
 *   <li>the stage registers it with its call's {@link AsyncExecution}, which a cancellation or timeout reaches it
 *   through;</li>
 *   <li>{@link Offload#start} runs it: {@link #run()} on a worker, {@link #runWithoutInterrupts()} without
 *   offload, or {@link #abandon} if no thread takes it.</li>
 * </ol>
 * Whichever way it ends (settled, cancelled before it started, abandoned), the {@link #onSettled} hook runs
 * exactly once per start, before the result completes, so a bulkhead place is free by the time anyone sees the
 * outcome; an attempt cancelled while it waits in a queue is never started and runs
 * {@link #onCancelWhileQueued} instead.
 *
 * <p>An interrupt is delivered at most once and only while the operation runs on a worker thread; the thread
 * clears it before it moves on, so a pool thread never carries a stale interrupt into its next task. That rule is
 * {@link InterruptOnce}'s, whose state this class extends: a queued attempt is in a state of its own, starting it
 * arms the interrupt, and the end of the operation disarms it.
 */
final class AsyncTask<C> extends InterruptOnce implements Runnable {

    private static final long serialVersionUID = 1L;
    // Running is InterruptOnce's ARMED, finished its DISARMED (also for an attempt abandoned before
    // it ran).
    private static final int QUEUED = FIRST_OWN_STATE;
    private static final int CANCELLED = FIRST_OWN_STATE + 1;

    private final C context;
    private final Callee<C> callee;
    private final AsyncMode mode;
    private final CompletableFuture<Object> result;
    private volatile Thread runner;
    private volatile Consumer<AsyncTask<?>> onCancelWhileQueued;
    private volatile Runnable onSettled;
    private long queuedAt;
    private long startedAt;

    AsyncTask(C context, Callee<C> callee, AsyncMode mode) {
        this(context, callee, mode, new CompletableFuture<>());
    }

    /** @param result completes with the outcome: the attempt's own future, or the caller's when nothing relays it */
    AsyncTask(C context, Callee<C> callee, AsyncMode mode, CompletableFuture<Object> result) {
        super(QUEUED);
        this.context = context;
        this.callee = callee;
        this.mode = mode;
        this.result = result;
    }

    CompletableFuture<Object> result() {
        return result;
    }

    void onCancelWhileQueued(Consumer<AsyncTask<?>> action) {
        this.onCancelWhileQueued = action;
    }

    /**
     * Runs {@code action} once the attempt has settled and before its result completes, so that what it frees
     * (a bulkhead place) is free by the time anyone sees the outcome.
     */
    void onSettled(Runnable action) {
        this.onSettled = action;
    }

    long queuedAt() {
        return queuedAt;
    }

    void queuedAt(long nanos) {
        queuedAt = nanos;
    }

    long startedAt() {
        return startedAt;
    }

    void startedAt(long nanos) {
        startedAt = nanos;
    }

    /** Runs the attempt on a worker thread, where a timeout or {@code cancel(true)} may interrupt it. */
    @Override
    public void run() {
        run(Thread.currentThread());
    }

    /** Runs the attempt on a thread that is not ours to interrupt. */
    void runWithoutInterrupts() {
        run(null);
    }

    /**
     * Fails an attempt that no thread would take with {@code failure}, or gives back the place of one cancelled
     * meanwhile.
     */
    void abandon(Throwable failure) {
        if (compareAndSet(QUEUED, DISARMED)) {
            settle(null, failure);
        } else {
            giveBack();
        }
    }

    private void run(Thread interruptible) {
        runner = interruptible;
        if (!arm(QUEUED)) {
            runner = null;
            giveBack();
            return;
        }
        Object value = null;
        Throwable failure = null;
        try {
            value = callee.call(context);
        } catch (Throwable t) {
            failure = t;
        }
        disarm();
        runner = null;
        if (failure != null) {
            settle(null, failure);
        } else if (mode == AsyncMode.COMPLETION_STAGE) {
            pipe(value);
        } else {
            settle(value, null);
        }
    }

    /** Frees what the attempt held (a bulkhead place), for an attempt that settles or never runs. */
    private void giveBack() {
        Runnable action = onSettled;
        if (action != null) {
            action.run();
        }
    }

    private void settle(Object value, Throwable failure) {
        giveBack();
        if (failure != null) {
            // Unwrapped as a relay between futures would unwrap it: whoever reads the result sees
            // the same failure.
            result.completeExceptionally(Futures.unwrap(failure));
        } else {
            result.complete(value);
        }
    }

    private void pipe(Object stage) {
        if (stage == null) {
            settle(null, new NullPointerException("the asynchronous method returned null"));
            return;
        }
        // A method that did its work before returning hands back a completed future: read it at
        // once, rather than
        // through a callback and the dependent stage whenComplete would create. Only the JDK's own
        // class, whose
        // getNow is known not to block nor throw (its minimal stage subclass throws).
        if (stage.getClass() == CompletableFuture.class) {
            CompletableFuture<?> future = (CompletableFuture<?>) stage;
            if (future.isDone() && !future.isCompletedExceptionally()) {
                settle(future.getNow(null), null);
                return;
            }
        }
        ((CompletionStage<?>) stage)
                .whenComplete(
                        (value, failure) ->
                                settle(value, failure == null ? null : Futures.unwrap(failure)));
    }

    /**
     * Stops this attempt: a queued one never starts; a running one is interrupted if {@code interrupt}.
     *
     * @param cause completes a queued attempt's result
     */
    void cancel(RuntimeException cause, boolean interrupt) {
        if (compareAndSet(QUEUED, CANCELLED)) {
            Consumer<AsyncTask<?>> action = onCancelWhileQueued;
            if (action != null) {
                action.accept(this);
            }
            result.completeExceptionally(cause);
            return;
        }
        Thread thread = runner;
        if (interrupt && thread != null) {
            interrupt(thread);
        }
    }

    /** Cancels on the caller's request. */
    void cancel(boolean interrupt) {
        cancel(new CancellationException("cancelled by the caller"), interrupt);
    }
}
