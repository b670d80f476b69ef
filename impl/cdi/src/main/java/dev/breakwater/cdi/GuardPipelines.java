package dev.breakwater.cdi;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.core.AsyncMode;
import dev.breakwater.core.BulkheadPolicy;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.FallbackPolicy;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.PipelineBuilder;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.TimeoutPolicy;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The engine's pipelines behind one {@code Guard} or {@code TypedGuard}, built once at {@code build()}. The
 * context of a call is the guarded action itself (a {@code Callable} or a {@code Supplier}), so a synchronous call
 * allocates nothing of its own.
 *
 * <p>A call is asynchronous when its type is {@code CompletionStage} or a reactive type the container adapts
 * ({@code Uni} on Quarkus); anything else, {@code Future} included, is guarded synchronously, as SmallRye does. A
 * {@code Guard} serves both kinds, through two pipelines: they share the circuit breaker, but each has its own
 * bulkhead and rate limit.
 */
final class GuardPipelines {

    private final Pipeline<Object> sync;
    private final Pipeline<Object> async;
    private final CompletionStageAdapter adapter;

    private GuardPipelines(Pipeline<Object> sync, Pipeline<Object> async, CompletionStageAdapter adapter) {
        this.sync = sync;
        this.async = async;
        this.adapter = adapter;
    }

    /**
     * @param spec what the builder collected
     * @param valueType the type of a {@code TypedGuard}, or {@code null} for a {@code Guard} (both kinds of calls)
     * @return the pipelines
     * @throws FaultToleranceDefinitionException listing every invalid value and combination
     * @throws IllegalStateException if the circuit breaker's name is taken
     */
    static GuardPipelines build(GuardSpec spec, Type valueType) {
        GuardResources resources = GuardResources.current();
        CompletionStageAdapter adapter = resources.adapter();
        Class<?> raw = valueType == null ? null : rawType(valueType);
        boolean wantsSync = raw == null || !isAsync(raw, adapter);
        boolean wantsAsync = raw == null || !wantsSync;
        boolean guarded = resources.nonFallbackEnabled();

        if (!wantsAsync && (spec.offload || spec.offloadExecutor != null)) {
            String option = spec.offload ? "withThreadOffload(true)" : "withThreadOffloadExecutor(...)";
            spec.errors.add(spec.name() + ": " + option + " is set for a synchronous TypedGuard of "
                    + valueType.getTypeName() + ", whose actions always run on the caller's thread; allowed only for"
                    + " CompletionStage"
                    + (adapter == CompletionStageAdapter.NONE ? "" : " or an adapted reactive type"));
        }
        BulkheadPolicy bulkhead = spec.bulkhead == null || !guarded ? null : spec.bulkhead.policy(spec);
        CircuitBreakerPolicy breakerPolicy = spec.circuitBreaker == null || !guarded ? null
                : spec.circuitBreaker.policy(spec);
        RateLimitPolicy rateLimit = spec.rateLimit == null || !guarded ? null : spec.rateLimit.policy(spec);
        RetryPolicy retry = spec.retry == null || !guarded ? null : spec.retry.policy(spec);
        TimeoutPolicy timeout = spec.timeout == null || !guarded ? null : spec.timeout.policy(spec);
        Predicate<Throwable> fallbackOn = spec.fallback == null ? null : spec.fallback.applyOn(spec);
        if (!spec.errors.isEmpty()) {
            throw spec.errors.toException();
        }

        CircuitBreaker breaker = breakerPolicy == null ? null : breaker(spec, breakerPolicy, resources);
        GuardCallbacks callbacks = GuardCallbacks.of(spec);
        Pipeline<Object> sync = null;
        Pipeline<Object> async = null;
        if (wantsSync) {
            PipelineBuilder<Object> builder = Pipeline.builder(spec.name(), GuardPipelines::invoke);
            policies(builder, spec, bulkhead, breaker, rateLimit, retry, timeout, callbacks, resources);
            builder.synchronousQueueing(bulkhead != null && spec.bulkhead.synchronousQueueing);
            if (fallbackOn != null) {
                builder.fallback(new FallbackPolicy<>(fallbackOn,
                        (action, failure) -> spec.fallback.handler.apply(failure)));
            }
            sync = builder.build(resources.threads());
        }
        if (wantsAsync) {
            PipelineBuilder<Object> builder = Pipeline.builder(spec.name(), action -> stage(invoke(action), adapter))
                    .asynchronous(AsyncMode.COMPLETION_STAGE)
                    .offload(spec.offload);
            if (spec.offloadExecutor != null) {
                builder.offloadExecutor(spec.offloadExecutor);
            }
            policies(builder, spec, bulkhead, breaker, rateLimit, retry, timeout, callbacks, resources);
            if (fallbackOn != null) {
                builder.fallback(new FallbackPolicy<>(fallbackOn,
                        (action, failure) -> stage(spec.fallback.handler.apply(failure), adapter)));
            }
            async = builder.build(resources.threads());
        }
        return new GuardPipelines(sync, async, adapter);
    }

    private static void policies(PipelineBuilder<Object> builder, GuardSpec spec, BulkheadPolicy bulkhead,
                                 CircuitBreaker breaker, RateLimitPolicy rateLimit, RetryPolicy retry,
                                 TimeoutPolicy timeout, GuardCallbacks callbacks, GuardResources resources) {
        builder.rejections(resources.rejections());
        if (bulkhead != null) {
            builder.bulkhead(bulkhead);
        }
        if (breaker != null) {
            builder.circuitBreaker(breaker);
        }
        if (rateLimit != null) {
            builder.rateLimit(rateLimit);
        }
        if (retry != null) {
            builder.retry(retry);
            Consumer<Throwable> beforeRetry = spec.retry.beforeRetry;
            if (beforeRetry != null) {
                builder.beforeRetry((action, lastFailure) -> beforeRetry.accept(lastFailure));
            }
        }
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (callbacks != null) {
            builder.metrics(callbacks);
        }
    }

    private static CircuitBreaker breaker(GuardSpec spec, CircuitBreakerPolicy policy, GuardResources resources) {
        Consumer<CircuitBreakerState> onStateChange = spec.circuitBreaker.onStateChange;
        BreakerStateListener listener = onStateChange == null ? BreakerStateListener.NONE
                : change -> onStateChange.accept(state(change.to()));
        String name = spec.circuitBreaker.name;
        return name == null ? new CircuitBreaker(spec.name(), policy, listener, resources.threads())
                : resources.breakers().registerUnique(name, policy, spec.name(), listener, resources.threads());
    }

    /** SmallRye's states have no held breakers: one held open is open, one held closed or disabled is closed. */
    private static CircuitBreakerState state(BreakerState state) {
        return switch (state) {
            case CLOSED, HELD_CLOSED, DISABLED -> CircuitBreakerState.CLOSED;
            case HALF_OPEN -> CircuitBreakerState.HALF_OPEN;
            case OPEN, HELD_OPEN -> CircuitBreakerState.OPEN;
        };
    }

    /**
     * @param action the guarded {@code Callable} or {@code Supplier}
     * @param type the type of its result, as the call gives it
     * @return its result, through the synchronous or the asynchronous pipeline as the type says
     */
    Object call(Object action, Class<?> type) throws Exception {
        if (type == CompletionStage.class) {
            return async.call(action);
        }
        if (adapter.adaptsType(type)) {
            return adapter.fromCompletionStage(() -> started(async, action));
        }
        return sync.call(action);
    }

    private static CompletionStage<?> started(Pipeline<Object> pipeline, Object action) {
        try {
            return (CompletionStage<?>) pipeline.call(action);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Object invoke(Object action) throws Exception {
        return action instanceof Callable<?> callable ? callable.call() : ((Supplier<?>) action).get();
    }

    /** @return what an asynchronous action or fallback returned, as the stage the pipeline follows */
    private static CompletionStage<?> stage(Object value, CompletionStageAdapter adapter) {
        if (value instanceof CompletionStage<?> stage) {
            return stage;
        }
        if (value == null) {
            throw new NullPointerException("the guarded asynchronous action returned null instead of a stage");
        }
        return adapter.toCompletionStage(value);
    }

    static boolean isAsync(Class<?> type, CompletionStageAdapter adapter) {
        return type == CompletionStage.class || adapter.adaptsType(type);
    }

    static Class<?> rawType(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new IllegalArgumentException("the type of a TypedGuard must be a class or a parameterized type: "
                + type.getTypeName());
    }
}
