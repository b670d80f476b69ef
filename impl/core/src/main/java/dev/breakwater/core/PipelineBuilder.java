package dev.breakwater.core;

import java.util.Objects;
import java.util.concurrent.Executor;
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
    private BeforeRetryAction<C> beforeRetry;
    private CircuitBreaker circuitBreaker;
    private TimeoutPolicy timeout;
    private BulkheadPolicy bulkhead;
    private SemaphoreBulkhead sharedSemaphore;
    private QueueingBulkhead sharedQueueing;
    private RateLimiter sharedLimiter;
    private boolean synchronousQueueing;
    private RateLimitPolicy rateLimit;
    private AsyncMode asyncMode;
    private Boolean offload;
    private Executor offloadExecutor;
    private Rejections rejections = Rejections.DEFAULT;
    private Ticker ticker = Ticker.SYSTEM;
    private OperationMetrics metrics;
    private UnaryOperator<C> handOff;

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

    /**
     * @param action runs before each retry of the {@link #retry} policy, never before a call's first attempt
     * @throws IllegalStateException from {@link #build} if the pipeline has no retry policy
     */
    public PipelineBuilder<C> beforeRetry(BeforeRetryAction<C> action) {
        this.beforeRetry = action;
        return this;
    }

    /** @param breaker the breaker to consult; may be shared with other pipelines */
    public PipelineBuilder<C> circuitBreaker(CircuitBreaker breaker) {
        this.circuitBreaker = breaker;
        return this;
    }

    /**
     * Makes this synchronous pipeline share the circuit breaker, rate limiter and bulkhead of an asynchronous one,
     * so that one operation guarded both ways is one state, as SmallRye's {@code Guard} is: a synchronous call takes
     * a place of the asynchronous bulkhead (never waiting for one) and a permit of the same limiter. The policies
     * of those strategies given to this builder are then not used, except with {@link #synchronousQueueing}, whose
     * waiting synchronous calls keep a bulkhead of their own.
     *
     * @param asynchronous a pipeline built with {@link #asynchronous}
     */
    public PipelineBuilder<C> sharingStateOf(Pipeline<?> asynchronous) {
        this.circuitBreaker = asynchronous.circuitBreaker();
        this.sharedLimiter = asynchronous.rateLimiter();
        this.sharedQueueing =
                asynchronous.bulkhead() instanceof QueueingBulkhead queueing ? queueing : null;
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

    /** @param shared a synchronous pipeline's bulkhead, built once and shared with other pipelines */
    PipelineBuilder<C> sharedBulkhead(SemaphoreBulkhead shared) {
        this.sharedSemaphore = shared;
        return this;
    }

    /** @param shared an asynchronous pipeline's bulkhead, built once and shared with other pipelines */
    PipelineBuilder<C> sharedBulkhead(QueueingBulkhead shared) {
        this.sharedQueueing = shared;
        return this;
    }

    /**
     * @param shared a rate limiter built once ({@link RateLimiter#builder()}, a fleet's among them) and maybe shared
     *               with other pipelines, instead of {@link #rateLimit}'s
     */
    public PipelineBuilder<C> sharedRateLimiter(RateLimiter shared) {
        this.sharedLimiter = shared;
        return this;
    }

    /**
     * Lets synchronous attempts that find the bulkhead full wait for a place, blocking their threads, in arrival
     * order, up to the policy's {@code waitingTaskQueue}; without it they are refused at once. Meant for callers
     * on virtual threads.
     *
     * @param enabled whether synchronous attempts may wait
     */
    public PipelineBuilder<C> synchronousQueueing(boolean enabled) {
        this.synchronousQueueing = enabled;
        return this;
    }

    /**
     * @param policy limits how often attempts may start; every attempt, a retry included, asks the limiter, which
     *               sits inside the circuit breaker and outside the timeout
     */
    public PipelineBuilder<C> rateLimit(RateLimitPolicy policy) {
        this.rateLimit = policy;
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
     * Chooses where an asynchronous pipeline's attempts run. Either way, every stage from the fallback down to the
     * bulkhead runs on the thread that starts the attempt (for the first attempt, the caller's), so admission to
     * the bulkhead is decided before the call returns.
     *
     * <ul>
     *   <li>{@code true} (the default): the attempt is handed to a worker thread of the pipeline's
     *   {@link ThreadPools}, as the spec's {@code @Asynchronous} requires. A timeout or {@code cancel(true)}
     *   interrupts it there.</li>
     *   <li>{@code false}: the attempt runs at once on the thread that starts it, for an operation that does not
     *   block and returns a {@code CompletionStage}. A call that succeeds synchronously never changes thread; the
     *   policies apply to the stage the operation returns. Nothing is interrupted: a thread that is not the
     *   pipeline's may run the operation. A retry still starts on a worker thread (after its delay, the timer
     *   hands it to one), and a waiting attempt runs on the thread whose attempt freed its place.</li>
     * </ul>
     *
     * @param enabled whether attempts run on a worker thread
     * @throws IllegalStateException from {@link #build} if the pipeline is not {@link #asynchronous}: a synchronous
     *         pipeline always runs on the caller's thread
     */
    public PipelineBuilder<C> offload(boolean enabled) {
        this.offload = enabled;
        return this;
    }

    /**
     * @param workers where an asynchronous pipeline's offloaded attempts run instead of the executor of the
     *                {@link ThreadPools} given to {@link #build}; timeouts and retry delays still use their timer
     */
    public PipelineBuilder<C> offloadExecutor(Executor workers) {
        this.offloadExecutor = Objects.requireNonNull(workers, "workers");
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
     * @throws IllegalStateException if {@link #offload} was set on a synchronous pipeline,
     *         {@link #synchronousQueueing} on an asynchronous one or without a bulkhead, or {@link #beforeRetry}
     *         without a retry policy
     */
    public Pipeline<C> build(ThreadPools threads) {
        if (beforeRetry != null && retry == null) {
            throw new IllegalStateException(
                    "beforeRetry was set for "
                            + name
                            + ", a pipeline without a retry policy; it runs before retries only");
        }
        if (synchronousQueueing && (asyncMode != null || bulkhead == null)) {
            throw new IllegalStateException(
                    "synchronousQueueing was set for "
                            + name
                            + ", a pipeline "
                            + (bulkhead == null
                                    ? "without a bulkhead"
                                    : "of asynchronous calls, which always queue")
                            + "; it applies to the bulkhead of a synchronous pipeline only");
        }
        RateLimiter limiter =
                sharedLimiter != null
                        ? sharedLimiter
                        : rateLimit == null ? null : RateLimiter.create(rateLimit, ticker);
        if (asyncMode != null) {
            Executor workers = offloadExecutor != null ? offloadExecutor : threads.workers();
            Offload attempts =
                    offload == null || offload ? Offload.toWorkers(workers) : Offload.NONE;
            QueueingBulkhead queueing =
                    sharedQueueing != null
                            ? sharedQueueing
                            : bulkhead == null
                                    ? null
                                    : new QueueingBulkhead(bulkhead, attempts, metrics, ticker);
            return new Pipeline<>(
                    null,
                    buildAsync(threads, attempts, queueing, limiter),
                    asyncMode,
                    handOff,
                    circuitBreaker,
                    queueing,
                    limiter);
        }
        if (offload != null) {
            throw new IllegalStateException(
                    "offload("
                            + offload
                            + ") was set for "
                            + name
                            + ", a synchronous pipeline; it applies to asynchronous pipelines only");
        }
        SyncStage<C> admission = new SyncInvoke<>(callee);
        BulkheadGauges gauges = null;
        if (bulkhead != null && synchronousQueueing) {
            WaitingBulkhead waiting = new WaitingBulkhead(bulkhead);
            admission =
                    new SyncWaitingBulkhead<>(
                            admission, waiting, rejections, name, metrics, ticker);
            gauges = waiting;
        } else if (sharedQueueing != null) {
            admission =
                    new SyncBulkhead<>(
                            admission, sharedQueueing, rejections, name, metrics, ticker);
            gauges = sharedQueueing;
        } else if (bulkhead != null || sharedSemaphore != null) {
            SemaphoreBulkhead semaphore =
                    sharedSemaphore != null ? sharedSemaphore : new SemaphoreBulkhead(bulkhead);
            admission = new SyncBulkhead<>(admission, semaphore, rejections, name, metrics, ticker);
            gauges = semaphore;
        }
        return new Pipeline<>(
                buildSync(threads, admission, limiter),
                null,
                null,
                null,
                circuitBreaker,
                gauges,
                limiter);
    }

    /** @param admission the attempt behind its bulkhead, if any: the innermost stage */
    private SyncStage<C> buildSync(
            ThreadPools threads, SyncStage<C> admission, RateLimiter limiter) {
        SyncStage<C> stage = admission;
        if (timeout != null && timeout.timeoutNanos() > 0) {
            stage = new SyncTimeout<>(stage, timeout, threads, rejections, name, metrics, ticker);
        }
        if (limiter != null) {
            stage = new SyncRateLimit<>(stage, limiter, rejections, name, metrics);
        }
        if (circuitBreaker != null) {
            stage =
                    new SyncCircuitBreaker<>(
                            stage, circuitBreaker, rejections, name, breakerMetrics());
        }
        if (retry != null) {
            stage =
                    new SyncRetry<>(
                            stage, retry, beforeRetryHook(), rejections, name, ticker, metrics);
        }
        if (fallback != null) {
            stage = new SyncFallback<>(stage, fallback, metrics);
        } else if (metrics != null) {
            stage = new SyncInvocationMetering<>(stage, metrics);
        }
        return stage;
    }

    private AsyncStage<C> buildAsync(
            ThreadPools threads, Offload attempts, QueueingBulkhead queueing, RateLimiter limiter) {
        AsyncStage<C> bottom =
                queueing != null
                        ? new AsyncBulkhead<>(callee, asyncMode, queueing, rejections, name)
                        : new AsyncInvoke<>(callee, asyncMode, attempts, false);
        AsyncStage<C> stage = bottom;
        if (timeout != null && timeout.timeoutNanos() > 0) {
            stage = new AsyncTimeout<>(stage, timeout, threads, rejections, name, metrics, ticker);
        }
        if (limiter != null) {
            stage = new AsyncRateLimit<>(stage, limiter, rejections, name, metrics);
        }
        if (circuitBreaker != null) {
            stage =
                    new AsyncCircuitBreaker<>(
                            stage, circuitBreaker, rejections, name, breakerMetrics());
        }
        if (retry != null) {
            stage =
                    new AsyncRetry<>(
                            stage,
                            retry,
                            beforeRetryHook(),
                            rejections,
                            name,
                            threads,
                            ticker,
                            metrics);
        }
        if (fallback != null) {
            stage = new AsyncFallback<>(stage, fallback, asyncMode, metrics);
        } else if (metrics != null) {
            stage = new AsyncInvocationMetering<>(stage, metrics);
        }
        if (stage == bottom && queueing == null) {
            // Nothing between the caller and the attempt: one future, completed once, instead of
            // two and a relay.
            return new AsyncInvoke<>(callee, asyncMode, attempts, true);
        }
        return stage;
    }

    /**
     * The pipeline's metrics, or else those the breaker's registry gave it: a typed guard has none of its own, and
     * its breaker is metered like an annotated method's.
     */
    private OperationMetrics breakerMetrics() {
        return metrics != null ? metrics : circuitBreaker.registryMetrics();
    }

    private BeforeRetryHook<C> beforeRetryHook() {
        return beforeRetry == null ? null : new BeforeRetryHook<>(beforeRetry, name);
    }
}
