package dev.breakwater.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * A guarded operation with its policies composed in the spec's order, outermost first:
 * fallback, retry, circuit breaker, timeout, bulkhead, then the operation. Built once per guarded operation and
 * shared by all its callers; it holds the operation's circuit breaker and bulkhead state.
 *
 * <p>An asynchronous pipeline runs its stages on the caller's thread up to the {@link Offload}, which sits between
 * the bulkhead and the operation: the caller gets its future once the first attempt has been started, queued or
 * refused.
 *
 * @param <C> the per-call context handed to the operation
 */
public final class Pipeline<C> {

    private final SyncStage<C> sync;
    private final AsyncStage<C> async;
    private final AsyncMode mode;
    private final UnaryOperator<C> handOff;
    private final CircuitBreaker circuitBreaker;
    private final BulkheadGauges bulkhead;
    private final RateLimiter rateLimiter;

    Pipeline(
            SyncStage<C> sync,
            AsyncStage<C> async,
            AsyncMode mode,
            UnaryOperator<C> handOff,
            CircuitBreaker circuitBreaker,
            BulkheadGauges bulkhead,
            RateLimiter rateLimiter) {
        this.sync = sync;
        this.async = async;
        this.mode = mode;
        this.handOff = handOff;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.rateLimiter = rateLimiter;
    }

    /**
     * @param name names the operation in exception messages
     * @param callee the operation
     * @param <C> the per-call context
     * @return a builder
     */
    public static <C> PipelineBuilder<C> builder(String name, Callee<C> callee) {
        return new PipelineBuilder<>(Objects.requireNonNull(name), Objects.requireNonNull(callee));
    }

    /**
     * Runs one call. A synchronous pipeline runs it on the calling thread and returns its result. An
     * asynchronous one returns, once its first attempt is admitted (started or queued) or refused, a
     * {@code CompletionStage} or {@code Future} (as its mode says) that completes with the outcome; it never
     * throws. A refused call's future is already failed when it is returned.
     *
     * @param context the per-call context
     * @return the result
     * @throws Exception what the operation or a policy threw, for a synchronous pipeline
     */
    public Object call(C context) throws Exception {
        if (sync != null) {
            return sync.call(context);
        }
        return callAsync(context);
    }

    /** @return whether {@link #call} returns a {@code CompletionStage} or {@code Future} rather than the result */
    public boolean asynchronous() {
        return async != null;
    }

    /** @return the operation's circuit breaker, or {@code null} if it has none */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** @return the occupancy of the operation's bulkhead, or {@code null} if it has none */
    public BulkheadGauges bulkhead() {
        return bulkhead;
    }

    /** @return the operation's rate limiter, or {@code null} if it has none */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    private Object callAsync(C callerContext) {
        C context = handOff == null ? callerContext : handOff.apply(callerContext);
        AsyncExecution execution = new AsyncExecution();
        InvocationFuture future = execution.outcome();
        try {
            CompletableFuture<Object> attempted = async.call(context, execution);
            if (attempted != future) {
                Futures.pipe(attempted, future);
            }
        } catch (RuntimeException e) {
            // The timer of closed pools refuses a timeout's alarm; the call then fails through its
            // future too.
            future.completeExceptionally(e);
        }
        return mode == AsyncMode.FUTURE ? new FutureResult(future) : future;
    }
}
