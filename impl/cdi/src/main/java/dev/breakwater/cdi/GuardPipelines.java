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
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The engine's pipelines behind one {@code Guard} or {@code TypedGuard}, built once at {@code build()}. The
 * context of a call is the guarded action itself (a {@code Callable} or a {@code Supplier}), so a synchronous call
 * allocates nothing of its own.
 *
 * <p>A call is asynchronous when its type is {@code CompletionStage} or a reactive type the container adapts
 * ({@code Uni} on Quarkus); anything else, {@code Future} included, is guarded synchronously, as SmallRye does. A
 * {@code Guard} serves both kinds, through two pipelines that share one circuit breaker, rate limit and bulkhead,
 * as SmallRye's one strategy chain does: a synchronous call takes a place of the bulkhead at once or is refused,
 * while asynchronous calls may wait in its queue. Only with {@code enableSynchronousQueueing()} do the waiting
 * synchronous calls of a {@code Guard} keep a bulkhead of their own.
 */
final class GuardPipelines {

    private final Pipeline<Object> sync;
    private final Pipeline<Object> async;
    private final CompletionStageAdapter adapter;

    /** The name the circuit breaker is registered under, or {@code null}. */
    private final String breakerName;

    private final CircuitBreaker breaker;
    private final BreakerRegistry breakers;

    private GuardPipelines(
            Pipeline<Object> sync,
            Pipeline<Object> async,
            CompletionStageAdapter adapter,
            String breakerName,
            CircuitBreaker breaker,
            BreakerRegistry breakers) {
        this.sync = sync;
        this.async = async;
        this.adapter = adapter;
        this.breakerName = breakerName;
        this.breaker = breaker;
        this.breakers = breakers;
    }

    /**
     * @param spec what the builder collected
     * @param valueType the type of a {@code TypedGuard}, or {@code null} for a {@code Guard} (both kinds of calls)
     * @return the pipelines
     * @throws FaultToleranceDefinitionException listing every invalid value and combination
     * @throws IllegalStateException if the circuit breaker's name is taken
     */
    static GuardPipelines build(GuardSpec spec, Type valueType) {
        return build(spec, valueType, null);
    }

    /**
     * @param replaced the pipelines these replace (a guard configured by its identifier), whose named circuit
     *                 breaker gives its name up to the new one; or {@code null}
     */
    static GuardPipelines build(GuardSpec spec, Type valueType, GuardPipelines replaced) {
        GuardResources resources = GuardResources.current();
        CompletionStageAdapter adapter = resources.adapter();
        Class<?> raw = valueType == null ? null : rawType(valueType);
        boolean wantsSync = raw == null || !isAsync(raw, adapter);
        boolean wantsAsync = raw == null || !wantsSync;
        boolean guarded = resources.nonFallbackEnabled();

        if (!wantsAsync && (spec.offload || spec.offloadExecutor != null)) {
            String option =
                    spec.offload ? "withThreadOffload(true)" : "withThreadOffloadExecutor(...)";
            spec.errors.add(
                    spec.name()
                            + ": "
                            + option
                            + " is set for a synchronous TypedGuard of "
                            + valueType.getTypeName()
                            + ", whose actions always run on the caller's thread; allowed only for"
                            + " CompletionStage"
                            + (adapter == CompletionStageAdapter.NONE
                                    ? ""
                                    : " or an adapted reactive type"));
        }
        BulkheadPolicy bulkhead =
                spec.bulkhead == null || !guarded ? null : spec.bulkhead.policy(spec);
        CircuitBreakerPolicy breakerPolicy =
                spec.circuitBreaker == null || !guarded ? null : spec.circuitBreaker.policy(spec);
        RateLimitPolicy rateLimit =
                spec.rateLimit == null || !guarded ? null : spec.rateLimit.policy(spec);
        RetryPolicy retry = spec.retry == null || !guarded ? null : spec.retry.policy(spec);
        TimeoutPolicy timeout = spec.timeout == null || !guarded ? null : spec.timeout.policy(spec);
        Predicate<Throwable> fallbackOn =
                spec.fallback == null ? null : spec.fallback.applyOn(spec);
        if (!spec.errors.isEmpty()) {
            throw spec.errors.toException();
        }

        if (replaced != null && replaced.breakerName != null) {
            replaced.breakers.unregister(replaced.breakerName, replaced.breaker);
        }
        CircuitBreaker breaker =
                breakerPolicy == null ? null : breaker(spec, breakerPolicy, resources);
        GuardCallbacks callbacks = GuardCallbacks.of(spec);
        Pipeline<Object> sync = null;
        Pipeline<Object> async = null;
        if (wantsAsync) {
            PipelineBuilder<Object> builder =
                    Pipeline.builder(spec.name(), action -> stage(invoke(action), adapter))
                            .asynchronous(AsyncMode.COMPLETION_STAGE)
                            .offload(spec.offload);
            if (spec.offloadExecutor != null) {
                builder.offloadExecutor(spec.offloadExecutor);
            }
            RequestContextActivation contexts = resources.callerContexts();
            if ((spec.offload || spec.offloadExecutor != null) && contexts != null) {
                builder.handOff(action -> CarriedAction.capture(action, contexts));
            }
            policies(
                    builder, spec, bulkhead, breaker, rateLimit, retry, timeout, callbacks,
                    resources);
            if (fallbackOn != null) {
                builder.fallback(
                        new FallbackPolicy<>(
                                fallbackOn,
                                (action, failure) ->
                                        stage(spec.fallback.handler.apply(failure), adapter)));
            }
            async = builder.build(resources.threads());
        }
        if (wantsSync) {
            PipelineBuilder<Object> builder = Pipeline.builder(spec.name(), GuardPipelines::invoke);
            policies(
                    builder, spec, bulkhead, breaker, rateLimit, retry, timeout, callbacks,
                    resources);
            builder.synchronousQueueing(bulkhead != null && spec.bulkhead.synchronousQueueing);
            if (async != null) {
                builder.sharingStateOf(async);
            }
            if (fallbackOn != null) {
                builder.fallback(
                        new FallbackPolicy<>(
                                fallbackOn,
                                (action, failure) -> spec.fallback.handler.apply(failure)));
            }
            sync = builder.build(resources.threads());
        }
        return new GuardPipelines(
                sync,
                async,
                adapter,
                breaker == null ? null : spec.circuitBreaker.name,
                breaker,
                resources.breakers());
    }

    private static void policies(
            PipelineBuilder<Object> builder,
            GuardSpec spec,
            BulkheadPolicy bulkhead,
            CircuitBreaker breaker,
            RateLimitPolicy rateLimit,
            RetryPolicy retry,
            TimeoutPolicy timeout,
            GuardCallbacks callbacks,
            GuardResources resources) {
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

    private static CircuitBreaker breaker(
            GuardSpec spec, CircuitBreakerPolicy policy, GuardResources resources) {
        Consumer<CircuitBreakerState> onStateChange = spec.circuitBreaker.onStateChange;
        BreakerStateListener listener =
                onStateChange == null
                        ? BreakerStateListener.NONE
                        : change -> onStateChange.accept(state(change.to()));
        String name = spec.circuitBreaker.name;
        return name == null
                ? new CircuitBreaker(spec.name(), policy, listener, resources.threads())
                : resources
                        .breakers()
                        .registerUnique(name, policy, spec.name(), listener, resources.threads());
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
        if (action instanceof Callable<?> callable) {
            return callable.call();
        }
        if (action instanceof Supplier<?> supplier) {
            return supplier.get();
        }
        return ((CarriedAction) action).invoke();
    }

    /**
     * An offloaded asynchronous action with the contexts its caller had active, captured on the caller's thread and
     * active around each attempt wherever it runs, by the rule of an {@code @Asynchronous} method: the caller's
     * request context (or a new one when it had none) inside the other contexts Context Propagation carries.
     */
    private record CarriedAction(
            Object action, Object captured, RequestContextActivation contexts) {

        static Object capture(Object action, RequestContextActivation contexts) {
            return new CarriedAction(action, contexts.capture(), contexts);
        }

        Object invoke() throws Exception {
            return contexts.proceed(new ActionInvocation(action), captured);
        }
    }

    /** A guarded action as the invocation {@link RequestContextActivation#proceed} runs; it has no target method. */
    private record ActionInvocation(Object action) implements InvocationContext {

        @Override
        public Object proceed() throws Exception {
            return invoke(action);
        }

        @Override
        public Object getTarget() {
            return action;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return null;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return new Object[0];
        }

        @Override
        public void setParameters(Object[] parameters) {
            throw new IllegalStateException("a guarded action has no parameters");
        }

        @Override
        public Map<String, Object> getContextData() {
            return Map.of();
        }
    }

    /** @return what an asynchronous action or fallback returned, as the stage the pipeline follows */
    private static CompletionStage<?> stage(Object value, CompletionStageAdapter adapter) {
        if (value instanceof CompletionStage<?> stage) {
            return stage;
        }
        if (value == null) {
            throw new NullPointerException(
                    "the guarded asynchronous action returned null instead of a stage");
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
        throw new IllegalArgumentException(
                "the type of a TypedGuard must be a class or a parameterized type: "
                        + type.getTypeName());
    }
}
