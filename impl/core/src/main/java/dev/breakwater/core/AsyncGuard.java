package dev.breakwater.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Guards an asynchronous operation, one that returns a {@code CompletionStage}, with the same policies as a
 * {@link Guard}; a call ends when the stage completes, and fails if the operation throws or the stage completes
 * exceptionally. Built by {@link GuardBuilder#buildNonBlocking()} or {@link GuardBuilder#buildOffloading()}, which
 * decide where attempts run:
 *
 * <ul>
 *   <li><b>non-blocking</b>: on the caller's thread, for an operation that does not block. A call that succeeds
 *   at once never changes thread; the policies apply to the stage the operation returns, and nothing is
 *   interrupted. Only a retry, or an attempt that waited in the bulkhead, starts elsewhere (a
 *   worker thread, or the thread whose attempt freed the place).</li>
 *   <li><b>offloading</b> (MicroProfile's {@code @Asynchronous}): on a worker thread of the guard's executor, the
 *   default pool's unless one was given. A timeout or {@code cancel(true)} interrupts the worker.</li>
 * </ul>
 *
 * <p>Either way the policies down to the bulkhead decide on the caller's thread, so a refused call's stage is
 * already failed, with a {@link Refusal}, when {@code call} returns; {@code call} itself never throws.
 * Cancelling the returned stage's {@code CompletableFuture} cancels the attempt that runs, waits or is about to be
 * retried.
 *
 * @param <T> the operation's result
 */
public final class AsyncGuard<T> {

    /** The operation is the call's context, so that the callee itself captures nothing. */
    static final Callee<Object> OPERATION =
            context ->
                    context instanceof Supplier<?> supplier
                            ? supplier.get()
                            : CompletableFuture.completedFuture(((Callable<?>) context).call());

    private final String name;
    private final Pipeline<Object> pipeline;
    private final boolean offloading;

    AsyncGuard(String name, Pipeline<Object> pipeline, boolean offloading) {
        this.name = name;
        this.pipeline = pipeline;
        this.offloading = offloading;
    }

    /** @return the name the guard was built with */
    public String name() {
        return name;
    }

    /** @return whether attempts run on worker threads rather than on the thread that starts them */
    public boolean offloading() {
        return offloading;
    }

    /**
     * Runs the operation under the guard's policies.
     *
     * @param operation the operation, returning the stage of its outcome
     * @return a stage completed with the outcome, the fallback's result, or a {@link Refusal}
     */
    public CompletionStage<T> call(Supplier<? extends CompletionStage<? extends T>> operation) {
        return run(operation);
    }

    /**
     * Runs a blocking operation under the guard's policies; meant for an offloading guard, where the operation
     * runs on a worker thread (a non-blocking guard runs it on the caller's).
     *
     * @param operation the operation, returning its result or throwing
     * @return a stage completed with the outcome, the fallback's result, or a {@link Refusal}
     */
    public CompletionStage<T> callBlocking(Callable<? extends T> operation) {
        return run(operation);
    }

    /**
     * @param operation the operation
     * @return a supplier that runs {@code operation} under this guard at each {@code get()}, as {@link #call}
     */
    public Supplier<CompletionStage<T>> decorate(
            Supplier<? extends CompletionStage<? extends T>> operation) {
        return () -> call(operation);
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<T> run(Object operation) {
        try {
            return (CompletionStage<T>) pipeline.call(operation);
        } catch (Exception e) {
            // An asynchronous pipeline reports every outcome through its stage; this keeps that
            // promise.
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String toString() {
        return "AsyncGuard '" + name + "' (" + (offloading ? "offloading" : "non-blocking") + ")";
    }
}
