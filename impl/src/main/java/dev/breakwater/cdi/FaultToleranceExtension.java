package dev.breakwater.cdi;

import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerListener;
import dev.breakwater.core.CircuitBreakerState;
import dev.breakwater.core.FallbackPolicy;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.PipelineBuilder;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.core.Ticker;
import dev.breakwater.metrics.MeteredPolicies;
import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.SpecMetrics;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.ConfigProvider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wires MicroProfile Fault Tolerance into a CDI container. At deployment it finds every guarded method, resolves
 * and validates its parameters (reporting all errors of the deployment together), and builds one pipeline per
 * (bean class, method); at shutdown it stops the threads the pipelines used.
 */
public class FaultToleranceExtension implements Extension {

    private final DefinitionErrors errors = new DefinitionErrors();
    private final List<MethodDefinition> definitions = new ArrayList<>();
    private final ThreadPools threads = ThreadPools.create("cdi");
    private FaultToleranceConfig config;
    private MethodDefinitionReader reader;
    private volatile Map<Class<?>, PipelineTable> pipelines = Map.of();
    private MetricSink metricSink;

    void registerInterceptor(@Observes BeforeBeanDiscovery event) {
        config = new FaultToleranceConfig(ConfigProvider.getConfig());
        reader = new MethodDefinitionReader(config, errors);
        for (Class<? extends Annotation> annotation : FaultToleranceAnnotations.ALL) {
            event.configureInterceptorBinding(annotation).add(FaultToleranceBinding.Literal.INSTANCE);
        }
        event.addAnnotatedType(FaultToleranceInterceptor.class, FaultToleranceInterceptor.class.getName())
                .add(new PriorityLiteral(config.interceptorPriority()));
    }

    <T> void findGuardedMethods(@Observes ProcessManagedBean<T> event, BeanManager beanManager) {
        if (event.getBean() instanceof Interceptor<?> || event.getBean() instanceof Decorator<?>) {
            return;
        }
        for (GuardedMethod guarded : new GuardedMethodFinder(beanManager).find(event.getAnnotatedBeanClass())) {
            reader.read(guarded).ifPresent(definitions::add);
        }
    }

    void reportDefinitionErrors(@Observes AfterBeanDiscovery event) {
        if (!errors.isEmpty()) {
            event.addDefinitionError(errors.toException());
        }
    }

    void buildPipelines(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        AsyncInvocation asyncInvocation = new AsyncInvocation(beanManager);
        metricSink = config.metricsEnabled() ? MetricBackends.find(beanManager) : null;
        Map<Class<?>, Map<Method, Pipeline<InvocationContext>>> built = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            built.computeIfAbsent(definition.guarded().beanClass(), type -> new HashMap<>())
                    .put(definition.guarded().method(), pipeline(definition, beanManager, asyncInvocation));
        }
        Map<Class<?>, PipelineTable> tables = new HashMap<>();
        built.forEach((beanClass, byMethod) -> tables.put(beanClass, new PipelineTable(byMethod)));
        pipelines = Map.copyOf(tables);
    }

    void stopThreads(@Observes BeforeShutdown event) {
        threads.close();
        if (metricSink != null) {
            metricSink.close();
        }
    }

    PipelineTable pipelines(Class<?> beanClass) {
        return pipelines.getOrDefault(beanClass, PipelineTable.EMPTY);
    }

    private Pipeline<InvocationContext> pipeline(MethodDefinition definition, BeanManager beanManager,
                                                 AsyncInvocation asyncInvocation) {
        String name = definition.guarded().describe();
        MeteredPolicies policies = new MeteredPolicies(definition.retry() != null, definition.timeout() != null,
                definition.circuitBreaker() != null, definition.bulkhead() != null, definition.fallback() != null,
                definition.asyncMode() != null);
        String metricName = definition.guarded().metricName();
        SpecMetrics metrics = metricSink != null && policies.any()
                ? new SpecMetrics(metricSink, metricName, policies) : null;
        PipelineBuilder<InvocationContext> builder = definition.asyncMode() != null
                ? Pipeline.builder(name, asyncInvocation).asynchronous(definition.asyncMode())
                : Pipeline.builder(name, InvocationContext::proceed);
        builder.rejections(MicroProfileRejections.INSTANCE)
                .metrics(metrics)
                .retry(definition.retry())
                .timeout(definition.timeout())
                .bulkhead(definition.bulkhead());
        if (definition.circuitBreaker() != null) {
            CircuitBreakerListener listener = metrics == null ? CircuitBreakerListener.NONE : (from, to) -> {
                if (from == CircuitBreakerState.CLOSED && to == CircuitBreakerState.OPEN) {
                    metrics.circuitBreakerOpened();
                }
            };
            builder.circuitBreaker(new CircuitBreaker(definition.circuitBreaker(), Ticker.SYSTEM, listener));
        }
        if (definition.fallback() instanceof FallbackTarget.Handler handler) {
            builder.fallback(new FallbackPolicy<>(definition.fallbackApplyOn(),
                    new HandlerFallback(handler.type(), beanManager)));
        } else if (definition.fallback() instanceof FallbackTarget.BeanMethod method) {
            builder.fallback(new FallbackPolicy<>(definition.fallbackApplyOn(), new MethodFallback(method.method())));
        }
        Pipeline<InvocationContext> pipeline = builder.build(threads);
        if (metrics != null) {
            SpecMetrics.registerGauges(metricSink, metricName, pipeline.circuitBreaker(), pipeline.bulkhead(),
                    definition.asyncMode() != null);
        }
        return pipeline;
    }
}
