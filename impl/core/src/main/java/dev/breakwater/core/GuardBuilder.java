package dev.breakwater.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds a {@link Guard} or an {@link AsyncGuard}. Every policy is optional and the order of the calls does not
 * matter. The guard's own policies (retry, timeout, fallback) are options here; the policies with shared state
 * (a {@link CircuitBreaker}, a {@link Bulkhead}, a {@link RateLimiter}) are built on their own and given to as
 * many guards as should share them. Values are checked at {@code build()}, against the rules the annotations are
 * checked against, and every invalid one is reported at once.
 *
 * <p>Threads: a guard uses threads only for what needs them (an offloaded attempt, a timeout, a retry of an
 * asynchronous call), from one default pool shared by the JVM's guards that nobody has to close: its daemon
 * {@code breakwater-default-*} threads start on first use. {@link #executor} gives offloaded attempts an executor of
 * your own; {@link #threadPools} gives the guard pools of your own, which you close.
 *
 * @param <T> the guarded operation's result
 */
public final class GuardBuilder<T> {

    private final String name;
    private RetryBuilder<T> retry;
    private Duration timeout;
    private Function<Throwable, ? extends T> fallback;
    private List<Class<? extends Throwable>> fallbackSkipOn = List.of();
    private CircuitBreaker circuitBreaker;
    private Bulkhead bulkhead;
    private RateLimiter rateLimiter;
    private Executor executor;
    private ThreadPools threadPools;

    GuardBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Retries failed attempts.
     *
     * @param options sets the retry's options on a builder holding the spec's defaults; {@code retry -> { }}
     *                keeps them all
     */
    public GuardBuilder<T> retry(Consumer<RetryBuilder<T>> options) {
        RetryBuilder<T> builder = new RetryBuilder<>();
        options.accept(builder);
        this.retry = builder;
        return this;
    }

    /**
     * @param timeout how long each attempt may run before it is abandoned with {@link TimedOut};
     *                {@link Duration#ZERO} means never
     */
    public GuardBuilder<T> timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * @param handler gives the result of a call that failed, refusals included, after its retries; what it throws
     *                is the call's failure
     */
    public GuardBuilder<T> fallback(Function<Throwable, ? extends T> handler) {
        this.fallback = Objects.requireNonNull(handler, "fallback");
        return this;
    }

    /** @param types failures the fallback lets through; default none */
    @SafeVarargs
    public final GuardBuilder<T> skipFallbackOn(Class<? extends Throwable>... types) {
        this.fallbackSkipOn = ExceptionTypes.of("skipFallbackOn", types);
        return this;
    }

    /** @param breaker the breaker to consult; share it with other guards to have them open and close together */
    public GuardBuilder<T> circuitBreaker(CircuitBreaker breaker) {
        this.circuitBreaker = Objects.requireNonNull(breaker, "circuitBreaker");
        return this;
    }

    /** @param shared limits concurrent attempts, counted with every other guard given the same bulkhead */
    public GuardBuilder<T> bulkhead(Bulkhead shared) {
        this.bulkhead = Objects.requireNonNull(shared, "bulkhead");
        return this;
    }

    /**
     * @param limiter limits how often attempts start, a retry included, drawing on the same permits as every other
     *                guard given the same limiter
     */
    public GuardBuilder<T> rateLimiter(RateLimiter limiter) {
        this.rateLimiter = Objects.requireNonNull(limiter, "rateLimiter");
        return this;
    }

    /**
     * @param workers where the offloaded attempts of {@link #buildOffloading()} run, instead of the default pool;
     *                timeouts and retry pauses still use the pools' timer
     */
    public GuardBuilder<T> executor(Executor workers) {
        this.executor = Objects.requireNonNull(workers, "executor");
        return this;
    }

    /**
     * @param pools the threads the guard uses instead of the default pool's; their owner closes them, after which
     *              calls that need a thread fail
     */
    public GuardBuilder<T> threadPools(ThreadPools pools) {
        this.threadPools = Objects.requireNonNull(pools, "threadPools");
        return this;
    }

    /**
     * @return a guard of synchronous calls, which run on the caller's thread
     * @throws IllegalArgumentException naming every invalid option, or a bulkhead shared with asynchronous guards
     */
    public Guard<T> build() {
        PipelineBuilder<Object> builder = policies(Guard.OPERATION, false);
        if (bulkhead != null) {
            builder.sharedBulkhead(bulkhead.forSynchronous(toString()));
        }
        if (fallback != null) {
            Function<Throwable, ? extends T> handler = fallback;
            builder.fallback(
                    new FallbackPolicy<>(
                            fallbackApplyOn(), (context, failure) -> handler.apply(failure)));
        }
        return new Guard<>(name, builder.build(threads()));
    }

    /**
     * @return a guard of asynchronous calls whose attempts run on the thread that starts them: the caller's
     * @throws IllegalArgumentException naming every invalid option, or a bulkhead whose guards start attempts
     *         otherwise
     */
    public AsyncGuard<T> buildNonBlocking() {
        return buildAsync(false);
    }

    /**
     * @return a guard of asynchronous calls whose attempts run on worker threads, as MicroProfile's
     *         {@code @Asynchronous} requires
     * @throws IllegalArgumentException naming every invalid option, or a bulkhead whose guards start attempts
     *         otherwise
     */
    public AsyncGuard<T> buildOffloading() {
        return buildAsync(true);
    }

    private AsyncGuard<T> buildAsync(boolean offloading) {
        PipelineBuilder<Object> builder =
                policies(AsyncGuard.OPERATION, offloading)
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .offload(offloading);
        ThreadPools threads = threads();
        if (executor != null) {
            builder.offloadExecutor(executor);
        }
        if (bulkhead != null) {
            Executor workers = executor != null ? executor : threads.workers();
            Offload attempts = offloading ? Offload.toWorkers(workers) : Offload.NONE;
            Object startsAttempts = offloading ? (executor != null ? executor : threads) : null;
            builder.sharedBulkhead(bulkhead.forAsynchronous(toString(), attempts, startsAttempts));
        }
        if (fallback != null) {
            Function<Throwable, ? extends T> handler = fallback;
            builder.fallback(
                    new FallbackPolicy<>(
                            fallbackApplyOn(),
                            (context, failure) ->
                                    CompletableFuture.completedFuture(handler.apply(failure))));
        }
        return new AsyncGuard<>(name, builder.build(threads), offloading);
    }

    /** Checks every option and sets the policies the three kinds of guard have in common. */
    private PipelineBuilder<Object> policies(Callee<Object> operation, boolean offloading) {
        BuilderErrors errors = new BuilderErrors(toString());
        RetryPolicy retryPolicy = retry == null ? null : retry.policy(errors);
        TimeoutPolicy timeoutPolicy = null;
        if (timeout != null) {
            String written = BuilderErrors.written("timeout", timeout);
            long nanos = errors.nanos(written, timeout);
            List<Violation> violations = TimeoutPolicy.violations(nanos);
            errors.report(violations, Map.of("value", written));
            timeoutPolicy = violations.isEmpty() ? new TimeoutPolicy(nanos) : null;
        }
        if (fallback == null && !fallbackSkipOn.isEmpty()) {
            errors.add(
                    "skipFallbackOn("
                            + String.join(
                                    ", ",
                                    fallbackSkipOn.stream().map(Class::getSimpleName).toList())
                            + ")",
                    "skipFallbackOn with a fallback(...), whose failures it narrows");
        }
        if (executor != null && !offloading) {
            errors.add(
                    "executor(" + executor + ")",
                    "an executor for a guard built with buildOffloading(), the"
                            + " only kind whose attempts run on one");
        }
        errors.throwIfAny();
        PipelineBuilder<Object> builder =
                Pipeline.builder(name, operation).rejections(Refusals.INSTANCE);
        if (retryPolicy != null) {
            builder.retry(retryPolicy);
        }
        if (timeoutPolicy != null) {
            builder.timeout(timeoutPolicy);
        }
        if (circuitBreaker != null) {
            builder.circuitBreaker(circuitBreaker);
        }
        if (rateLimiter != null) {
            builder.sharedRateLimiter(rateLimiter);
        }
        return builder;
    }

    /** @return the failures the fallback handles: all, as the spec's {@code applyOn} default, but the skipped */
    private ExceptionPredicate fallbackApplyOn() {
        return ExceptionPredicate.of(List.of(Throwable.class), fallbackSkipOn);
    }

    private ThreadPools threads() {
        return threadPools != null ? threadPools : DefaultThreadPools.POOLS;
    }

    @Override
    public String toString() {
        return "Guard '" + name + "'";
    }
}
