package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import dev.breakwater.core.CircuitBreakerListener;
import dev.breakwater.core.FallbackPolicy;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.PipelineBuilder;
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
    private final Map<GuardedMethod, String> breakerNames;
    private final MicroProfileRejections rejections;

    /**
     * @param metricSink where metrics go, or {@code null} for none
     * @param breakers where each circuit breaker is registered under its name
     * @param breakerNames the name of each method's breaker, as {@link BreakerNames#assign} gave them
     * @param rejections the exceptions of refused and timed-out calls
     */
    PipelineAssembler(BeanManager beanManager, ThreadPools threads, MetricSink metricSink,
                      CompletionStageAdapter adapter, RequestContextActivation requestContext,
                      BreakerRegistry breakers, Map<GuardedMethod, String> breakerNames,
                      MicroProfileRejections rejections) {
        this.beanManager = beanManager;
        this.threads = threads;
        this.metricSink = metricSink;
        this.adapter = adapter;
        this.requestContext = requestContext;
        this.breakers = breakers;
        this.breakerNames = breakerNames;
        this.rejections = rejections;
    }

    Map<Class<?>, PipelineTable> assemble(List<MethodDefinition> definitions) {
        Map<Class<?>, Map<Method, Pipeline<InvocationContext>>> built = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            built.computeIfAbsent(definition.guarded().beanClass(), type -> new HashMap<>())
                    .put(definition.guarded().method(), pipeline(definition));
        }
        Map<Class<?>, PipelineTable> tables = new HashMap<>();
        built.forEach((beanClass, byMethod) -> tables.put(beanClass, new PipelineTable(byMethod)));
        return Map.copyOf(tables);
    }

    private Pipeline<InvocationContext> pipeline(MethodDefinition definition) {
        String name = definition.guarded().describe();
        MeteredPolicies policies = new MeteredPolicies(definition.retry() != null, definition.timeout() != null,
                definition.circuitBreaker() != null, definition.bulkhead() != null, definition.fallback() != null,
                definition.asyncMode() != null, definition.rateLimit() != null);
        String metricName = definition.guarded().metricName();
        SpecMetrics metrics = metricSink != null && policies.any()
                ? new SpecMetrics(metricSink, metricName, policies) : null;
        boolean adapted = adapter.adapts(definition.guarded().method());
        PipelineBuilder<InvocationContext> builder = definition.asyncMode() != null
                ? Pipeline.builder(name, asyncCallee(adapted)).asynchronous(definition.asyncMode())
                : Pipeline.builder(name, InvocationContext::proceed);
        if (definition.asyncMode() != null) {
            builder.offload(definition.offload());
        }
        if (definition.asyncMode() != null && requestContext.capturesCallerContext()) {
            builder.handOff(context -> CallerContext.capture(context, requestContext));
        }
        builder.rejections(rejections)
                .metrics(metrics)
                .retry(definition.retry())
                .timeout(definition.timeout())
                .bulkhead(definition.bulkhead())
                .rateLimit(definition.rateLimit());
        if (definition.circuitBreaker() != null) {
            CircuitBreakerListener listener = metrics == null ? CircuitBreakerListener.NONE : (from, to) -> {
                if (SpecMetrics.countsAsOpening(from, to)) {
                    metrics.circuitBreakerOpened();
                }
            };
            builder.circuitBreaker(breakers.register(breakerNames.get(definition.guarded()),
                    definition.circuitBreaker(), name, listener, threads));
        }
        FallbackPolicy.FallbackHandler<InvocationContext> fallback = fallbackHandler(definition.fallback());
        if (fallback != null) {
            builder.fallback(new FallbackPolicy<>(definition.fallbackApplyOn(), adapted
                    ? (context, failure) -> adapter.call(call -> fallback.handle(call, failure), context)
                    : fallback));
        }
        Pipeline<InvocationContext> pipeline = builder.build(threads);
        if (metrics != null) {
            SpecMetrics.registerGauges(metricSink, metricName, pipeline.circuitBreaker(), pipeline.bulkhead(),
                    definition.asyncMode() != null);
        }
        return pipeline;
    }

    private Callee<InvocationContext> asyncCallee(boolean adapted) {
        AsyncInvocation invocation = new AsyncInvocation(requestContext);
        return adapted ? context -> adapter.call(invocation, context) : invocation;
    }

    private FallbackPolicy.FallbackHandler<InvocationContext> fallbackHandler(FallbackTarget target) {
        if (target instanceof FallbackTarget.Handler handler) {
            return new HandlerFallback(handler.type(), beanManager);
        }
        if (target instanceof FallbackTarget.BeanMethod method) {
            return new MethodFallback(method.method());
        }
        if (target instanceof FallbackTarget.BeanMethodsByException methods) {
            return new ExceptionParameterFallback(methods.withException(), methods.withoutException());
        }
        return null;
    }
}
