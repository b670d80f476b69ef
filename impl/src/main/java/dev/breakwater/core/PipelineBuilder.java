package dev.breakwater.core;

import java.util.concurrent.Executor;

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

    /** @param factory creates the exceptions of refused and timed-out calls */
    public PipelineBuilder<C> rejections(Rejections factory) {
        this.rejections = factory;
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
            return new Pipeline<>(null, buildAsync(threads), asyncMode, threads, circuitBreaker);
        }
        return new Pipeline<>(buildSync(threads), null, null, threads, circuitBreaker);
    }

    private SyncStage<C> buildSync(ThreadPools threads) {
        SyncStage<C> stage = new SyncInvoke<>(callee);
        if (bulkhead != null) {
            stage = new SyncBulkhead<>(stage, new SemaphoreBulkhead(bulkhead), rejections, name);
        }
        if (timeout != null && timeout.timeoutNanos() > 0) {
            stage = new SyncTimeout<>(stage, timeout, threads, rejections, name);
        }
        if (circuitBreaker != null) {
            stage = new SyncCircuitBreaker<>(stage, circuitBreaker, rejections, name);
        }
        if (retry != null) {
            stage = new SyncRetry<>(stage, retry, ticker);
        }
        if (fallback != null) {
            stage = new SyncFallback<>(stage, fallback);
        }
        return stage;
    }

    private AsyncStage<C> buildAsync(ThreadPools threads) {
        Executor executor = task -> threads.executor().execute(task);
        AsyncStage<C> stage = bulkhead != null
                ? new AsyncBulkhead<>(callee, asyncMode, new QueueingBulkhead(bulkhead, executor), rejections, name)
                : new AsyncInvoke<>(callee, asyncMode);
        if (timeout != null && timeout.timeoutNanos() > 0) {
            stage = new AsyncTimeout<>(stage, timeout, threads, rejections, name);
        }
        if (circuitBreaker != null) {
            stage = new AsyncCircuitBreaker<>(stage, circuitBreaker, rejections, name);
        }
        if (retry != null) {
            stage = new AsyncRetry<>(stage, retry, threads, ticker);
        }
        if (fallback != null) {
            stage = new AsyncFallback<>(stage, fallback, asyncMode);
        }
        return stage;
    }
}
