package dev.breakwater.cdi;

import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.core.BeforeRetryAction;
import dev.breakwater.core.Callee;
import dev.breakwater.core.FallbackPolicy;
import dev.breakwater.core.OperationMetrics;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.PipelineBuilder;
import dev.breakwater.core.RateLimiter;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.metrics.MeteredPolicies;
import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.SpecMetrics;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns validated definitions into pipelines, one per (bean class, method), with the container's threads, request
 * contexts, fallback handlers and metrics.
 */
final class PipelineAssembler {

    private final BeanManager beanManager;
    private final ThreadPools threads;
    private final MetricSink metricSink;
    private final CompletionStageAdapter adapter;
    private final RequestContextActivation requestContext;
    private final BreakerRegistry breakers;
    private final RateLimiterRegistry rateLimiters;
    private final Map<GuardedMethod, String> breakerNames;
    private final MicroProfileRejections rejections;
    private final FleetJoins fleet;

    /**
     * @param metricSink where metrics go, or {@code null} for none
     * @param breakers where each circuit breaker is registered under its name
     * @param rateLimiters where each rate limiter is registered under its method
     * @param breakerNames the name of each method's breaker, as {@link BreakerNames#assign} gave them
     * @param rejections the exceptions of refused and timed-out calls
     * @param fleet puts the breakers and rate limits that config names in fleet mode
     */
    PipelineAssembler(
            BeanManager beanManager,
            ThreadPools threads,
            MetricSink metricSink,
            CompletionStageAdapter adapter,
            RequestContextActivation requestContext,
            BreakerRegistry breakers,
            RateLimiterRegistry rateLimiters,
            Map<GuardedMethod, String> breakerNames,
            MicroProfileRejections rejections,
            FleetJoins fleet) {
        this.beanManager = beanManager;
        this.threads = threads;
        this.metricSink = metricSink;
        this.adapter = adapter;
        this.requestContext = requestContext;
        this.breakers = breakers;
        this.rateLimiters = rateLimiters;
        this.breakerNames = breakerNames;
        this.rejections = rejections;
        this.fleet = fleet;
    }

    Map<Class<?>, PipelineTable> assemble(List<MethodDefinition> definitions) {
        Map<Class<?>, Map<Method, Pipeline<InvocationContext>>> built = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            built.computeIfAbsent(definition.guarded().beanClass(), type -> new HashMap<>())
                    .put(definition.guarded().method(), pipeline(definition));
        }
        Map<Class<?>, PipelineTable> tables = new HashMap<>();
        built.forEach(
                (beanClass, byMethod) ->
                        tables.put(beanClass, new PipelineTable(byMethod, adapter)));
        return Map.copyOf(tables);
    }

    private Pipeline<InvocationContext> pipeline(MethodDefinition definition) {
        String name = definition.guarded().describe();
        MeteredPolicies policies =
                new MeteredPolicies(
                        definition.retry() != null,
                        definition.timeout() != null,
                        definition.circuitBreaker() != null,
                        definition.bulkhead() != null,
                        definition.fallback() != null,
                        definition.asyncMode() != null,
                        definition.rateLimit() != null);
        String metricName = definition.guarded().metricName();
        SpecMetrics metrics =
                metricSink != null && policies.any()
                        ? new SpecMetrics(metricSink, metricName, policies)
                        : null;
        // An adapted method guarded synchronously (the spec's mode, no annotation) returns its Uni
        // or suspends as
        // any method returns a value.
        boolean adapted =
                definition.asyncMode() != null && adapter.adapts(definition.guarded().method());
        PipelineBuilder<InvocationContext> builder =
                definition.asyncMode() != null
                        ? Pipeline.builder(name, asyncCallee(adapted))
                                .asynchronous(definition.asyncMode())
                        : Pipeline.builder(name, InvocationContext::proceed);
        if (definition.asyncMode() != null) {
            builder.offload(definition.offload());
        }
        if (definition.asyncMode() != null && requestContext.capturesCallerContext()) {
            builder.handOff(context -> CallerContext.capture(context, requestContext));
        }
        builder.rejections(rejections)
                .metrics(metrics)
                .retry(retry(definition))
                .timeout(definition.timeout())
                .bulkhead(definition.bulkhead())
                .rateLimit(definition.rateLimit());
        if (definition.rateLimit() != null) {
            RateLimiter fleetLimiter =
                    fleet.rateLimiter(definition.guarded(), definition.rateLimit());
            if (fleetLimiter != null) {
                builder.sharedRateLimiter(fleetLimiter);
            }
        }
        if (definition.beforeRetry() != null) {
            builder.beforeRetry(beforeRetryAction(definition.beforeRetry()));
        }
        if (definition.circuitBreaker() != null) {
            BreakerStateListener listener =
                    metrics == null
                            ? BreakerStateListener.NONE
                            : change -> {
                                if (OperationMetrics.countsAsOpening(change.from(), change.to())) {
                                    metrics.circuitBreakerOpened();
                                }
                            };
            builder.circuitBreaker(
                    fleet.breaker(
                            breakers.register(
                                    breakerNames.get(definition.guarded()),
                                    definition.circuitBreaker(),
                                    definition.guarded(),
                                    listener,
                                    threads)));
        }
        FallbackPolicy.FallbackHandler<InvocationContext> fallback =
                fallbackHandler(definition.fallback());
        if (fallback != null) {
            builder.fallback(
                    new FallbackPolicy<>(
                            definition.fallbackApplyOn(),
                            adapted
                                    ? (context, failure) ->
                                            adapter.toCompletionStage(
                                                    call -> fallback.handle(call, failure), context)
                                    : fallback));
        }
        Pipeline<InvocationContext> pipeline = builder.build(threads);
        if (pipeline.rateLimiter() != null) {
            rateLimiters.register(name, pipeline.rateLimiter());
        }
        if (metrics != null) {
            SpecMetrics.registerGauges(
                    metricSink,
                    metricName,
                    pipeline.circuitBreaker(),
                    pipeline.bulkhead(),
                    definition.asyncMode() != null);
            if (pipeline.rateLimiter() != null) {
                SpecMetrics.registerRateLimitGauges(metricSink, metricName, pipeline.rateLimiter());
            }
        }
        return pipeline;
    }

    private Callee<InvocationContext> asyncCallee(boolean adapted) {
        AsyncInvocation invocation = new AsyncInvocation(requestContext);
        return adapted ? context -> adapter.toCompletionStage(invocation, context) : invocation;
    }

    /** @return the method's retry policy, with its {@code @RetryWhen} predicates created for this pipeline */
    private static RetryPolicy retry(MethodDefinition definition) {
        RetryPolicy retry = definition.retry();
        return retry == null || definition.retryPredicates() == null
                ? retry
                : definition.retryPredicates().applyTo(retry);
    }

    private BeforeRetryAction<InvocationContext> beforeRetryAction(BeforeRetryTarget target) {
        if (target instanceof BeforeRetryTarget.Handler handler) {
            return new HandlerBeforeRetry(handler.type(), beanManager);
        }
        return new MethodBeforeRetry(((BeforeRetryTarget.BeanMethod) target).method());
    }

    private FallbackPolicy.FallbackHandler<InvocationContext> fallbackHandler(
            FallbackTarget target) {
        if (target instanceof FallbackTarget.Handler handler) {
            return new HandlerFallback(handler.type(), beanManager);
        }
        if (target instanceof FallbackTarget.BeanMethod method) {
            return new MethodFallback(method.method());
        }
        if (target instanceof FallbackTarget.BeanMethodsByException methods) {
            return new ExceptionParameterFallback(
                    methods.withException(), methods.withoutException());
        }
        return null;
    }
}
