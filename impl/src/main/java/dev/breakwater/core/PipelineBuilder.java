package dev.breakwater.core;

import java.util.function.UnaryOperator;

/**
 * Assembles a {@link Pipeline}. Every policy is optional; the order they are given in does not matter.
 *
 * @param <C> the per-call context
 */
public final class PipelineBuilder<C> {

    private final String name;
    private final Callee<C> callee;
    private FallbackPolicy<C> fallback;
    private RetryPolicy retry;
    private CircuitBreaker circuitBreaker;
    private TimeoutPolicy timeout;
    private BulkheadPolicy bulkhead;
    private AsyncMode asyncMode;
    private Rejections rejections = Rejections.DEFAULT;
    private Ticker ticker = Ticker.SYSTEM;
    private OperationMetrics metrics;
    private UnaryOperator<C> handOff;
    private boolean offload = true;

    PipelineBuilder(String name, Callee<C> callee) {
        this.name = name;
        this.callee = callee;
    }

    /** @param policy replaces the result of failed calls */
    public PipelineBuilder<C> fallback(FallbackPolicy<C> policy) {
        this.fallback = policy;
        return this;
    }

    /** @param policy retries failed calls */
    public PipelineBuilder<C> retry(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    /** @param breaker the breaker to consult; may be shared with other pipelines */
    public PipelineBuilder<C> circuitBreaker(CircuitBreaker breaker) {
        this.circuitBreaker = breaker;
        return this;
    }

    /** @param policy limits each attempt's duration */
    public PipelineBuilder<C> timeout(TimeoutPolicy policy) {
        this.timeout = policy;
        return this;
    }

    /** @param policy limits concurrent attempts */
    public PipelineBuilder<C> bulkhead(BulkheadPolicy policy) {
        this.bulkhead = policy;
        return this;
    }

    /** @param mode makes the pipeline asynchronous, returning what the mode names */
    public PipelineBuilder<C> asynchronous(AsyncMode mode) {
        this.asyncMode = mode;
        return this;
    }

    /**
     * @param capture applied to each asynchronous call's context on the calling thread, before the call leaves
     *                it: returns the context the operation gets wherever it runs, carrying what the caller's
     *                thread holds (a request context); without it the context is handed over as it is
     */
    public PipelineBuilder<C> handOff(UnaryOperator<C> capture) {
        this.handOff = capture;
        return this;
    }

    /**
     * Chooses where an asynchronous pipeline's first attempt runs: {@code true} (the default) on a worker thread of
     * the pipeline's {@link ThreadPools}, as the spec's {@code @Asynchronous} requires; {@code false} at once on the
     * caller's thread, for an operation that does not block and returns a {@code CompletionStage} whose outcome the
     * policies guard. Without offload, a retry still starts on the timer's or a worker thread and an attempt that
     * waited in a bulkhead queue on a worker thread.
     *
     * @param enabled whether the call moves to a worker thread
     */
    public PipelineBuilder<C> offload(boolean enabled) {
        this.offload = enabled;
        return this;
    }

    /** @param factory creates the exceptions of refused and timed-out calls */
    public PipelineBuilder<C> rejections(Rejections factory) {
        this.rejections = factory;
        return this;
    }

    /**
     * @param recorder receives the events metrics count; without one, no metrics work is done at all
     */
    public PipelineBuilder<C> metrics(OperationMetrics recorder) {
        this.metrics = recorder;
        return this;
    }

    /** @param clock measures delays and durations */
    public PipelineBuilder<C> ticker(Ticker clock) {
        this.ticker = clock;
        return this;
    }

    /**
     * @param threads the executor and timer the pipeline may use; only started if the policies need them
     * @return the pipeline
     */
    public Pipeline<C> build(ThreadPools threads) {
        if (asyncMode != null) {
            QueueingBulkhead queueing = bulkhead == null ? null
                    : new QueueingBulkhead(bulkhead, task -> threads.executor().execute(task), metrics, ticker);
            return new Pipeline<>(null, buildAsync(threads, queueing), asyncMode, handOff, offload, threads,
                    circuitBreaker, queueing);
        }
        SemaphoreBulkhead semaphore = bulkhead == null ? null : new SemaphoreBulkhead(bulkhead);
        return new Pipeline<>(buildSync(threads, semaphore), null, null, null, false, threads, circuitBreaker,
                semaphore);
    }

    private SyncStage<C> buildSync(ThreadPools threads, SemaphoreBulkhead semaphore) {
        SyncStage<C> stage = new SyncInvoke<>(callee);
        if (semaphore != null) {
            stage = new SyncBulkhead<>(stage, semaphore, rejections, name, metrics, ticker);
        }
        if (timeout != null && timeout.timeoutNanos() > 0) {
            stage = new SyncTimeout<>(stage, timeout, threads, rejections, name, metrics, ticker);
        }
        if (circuitBreaker != null) {
            stage = new SyncCircuitBreaker<>(stage, circuitBreaker, rejections, name, metrics);
        }
        if (retry != null) {
            stage = new SyncRetry<>(stage, retry, ticker, metrics);
        }
        if (fallback != null) {
            stage = new SyncFallback<>(stage, fallback, metrics);
        } else if (metrics != null) {
            stage = new SyncInvocationMetering<>(stage, metrics);
        }
        return stage;
    }

    private AsyncStage<C> buildAsync(ThreadPools threads, QueueingBulkhead queueing) {
        AsyncStage<C> stage = queueing != null
                ? new AsyncBulkhead<>(callee, asyncMode, queueing, rejections, name)
                : new AsyncInvoke<>(callee, asyncMode);
        if (timeout != null && timeout.timeoutNanos() > 0) {
            stage = new AsyncTimeout<>(stage, timeout, threads, rejections, name, metrics, ticker);
        }
        if (circuitBreaker != null) {
            stage = new AsyncCircuitBreaker<>(stage, circuitBreaker, rejections, name, metrics);
        }
        if (retry != null) {
            stage = new AsyncRetry<>(stage, retry, threads, ticker, metrics);
        }
        if (fallback != null) {
            stage = new AsyncFallback<>(stage, fallback, asyncMode, metrics);
        } else if (metrics != null) {
            stage = new AsyncInvocationMetering<>(stage, metrics);
        }
        return stage;
    }
}
