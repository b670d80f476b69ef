package dev.breakwater.cdi;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.FleetMember;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.metrics.MetricSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Decorator;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.Interceptor;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Wires MicroProfile Fault Tolerance into a CDI container. At deployment it finds every guarded method, resolves
 * and validates its parameters (reporting all errors of the deployment together), and builds one pipeline per
 * (bean class, method); an intercepted instance of a class it did not see then ({@code InterceptionFactory}) gets
 * its pipelines on its first call ({@link LatePipelines}). At shutdown it stops the threads the pipelines used.
 */
public class FaultToleranceExtension implements Extension {

    private final ThreadPools threads = ThreadPools.create("cdi");
    private Config mpConfig;
    private GuardedMethodDefinitions deployment;
    private volatile Map<Class<?>, PipelineTable> pipelines = Map.of();
    private volatile LatePipelines late;
    private MetricSink metricSink;

    /** The methods {@code @ApplyGuard} guards, by bean class, with their guard's identifier. */
    private final Map<Class<?>, Map<Method, String>> appliedGuards = new HashMap<>();

    /** The {@code @Identifier}s of the {@code Guard} and {@code TypedGuard} beans, which config keys may name. */
    private final Set<String> guardIdentifiers = new TreeSet<>();

    void bindAnnotations(@Observes BeforeBeanDiscovery event) {
        mpConfig = ConfigProvider.getConfig();
        deployment =
                new GuardedMethodDefinitions(
                        mpConfig,
                        FallbackMethodLookup.SEARCH,
                        CompletionStageAdapter.NONE,
                        true,
                        FleetConnector.redisUri());
        for (Class<? extends Annotation> annotation : FaultToleranceAnnotations.BINDINGS) {
            event.configureInterceptorBinding(annotation)
                    .add(FaultToleranceBinding.Literal.INSTANCE);
        }
        if (SmallRyeApi.PRESENT) {
            AppliedGuards.bind(event, deployment.config().interceptorPriority());
        }
    }

    <T> void findGuardedMethods(@Observes ProcessManagedBean<T> event, BeanManager beanManager) {
        if (event.getBean() instanceof Interceptor<?> || event.getBean() instanceof Decorator<?>) {
            return;
        }
        Class<?> beanClass = event.getAnnotatedBeanClass().getJavaClass();
        deployment.addBean(
                beanClass,
                new GuardedMethodFinder(beanManager).find(event.getAnnotatedBeanClass()));
        if (SmallRyeApi.PRESENT) {
            AppliedGuards.check(beanClass, deployment.errors());
            Map<Method, String> applied = AppliedGuards.appliedMethods(beanClass);
            if (!applied.isEmpty()) {
                appliedGuards.put(beanClass, applied);
            }
        }
    }

    void findGuardIdentifiers(@Observes ProcessBean<?> event) {
        if (SmallRyeApi.PRESENT) {
            String identifier = AppliedGuard.guardIdentifier(event.getBean());
            if (identifier != null) {
                guardIdentifiers.add(identifier);
            }
        }
    }

    void addInterceptor(@Observes AfterBeanDiscovery event) {
        event.addBean(
                new FaultToleranceInterceptorBean(this, deployment.config().interceptorPriority()));
    }

    void reportDefinitionErrors(@Observes AfterBeanDiscovery event) {
        DefinitionErrors errors = deployment.complete(guardIdentifiers);
        if (!errors.isEmpty()) {
            event.addDefinitionError(errors.toException());
        }
    }

    /**
     * The {@link CircuitBreakers} bean: the registry that {@link #buildPipelines} fills; the same registry as a
     * {@link CircuitBreakerRegistry} bean (a singleton: the class is final), for the breakers an application builds
     * with the typed API to join; and, when SmallRye's API is present, its {@code CircuitBreakerMaintenance} on the
     * same registry.
     */
    void addBreakerControl(@Observes AfterBeanDiscovery event) {
        event.addBean()
                .types(CircuitBreakers.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> deployment.breakers());
        event.addBean()
                .types(CircuitBreakerRegistry.class, Object.class)
                .scope(Singleton.class)
                .createWith(context -> deployment.breakers());
        if (SmallRyeApi.PRESENT) {
            SmallRyeBreakerMaintenance.addBean(event, deployment.breakers());
        }
    }

    /** The {@link RateLimiters} bean: the registry that {@link #buildPipelines} fills. */
    void addRateLimiters(@Observes AfterBeanDiscovery event) {
        event.addBean()
                .types(RateLimiters.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> deployment.rateLimiters());
    }

    /** What the application's {@code Guard}s share with its guarded methods (used only with SmallRye's API). */
    void addGuardResources(@Observes AfterBeanDiscovery event) {
        event.addBean()
                .types(GuardResources.class, Object.class)
                .scope(Singleton.class)
                .createWith(
                        context -> deployment.guardResources(threads, CompletionStageAdapter.NONE));
    }

    void buildPipelines(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        if (!appliedGuards.isEmpty()) {
            AppliedGuards.checkGuards(event, beanManager, appliedGuards);
        }
        if (!guardIdentifiers.isEmpty()) {
            List<String> keys = new ArrayList<>();
            mpConfig.getPropertyNames().forEach(keys::add);
            DefinitionErrors guardErrors = new DefinitionErrors();
            AppliedGuard.configureNamed(beanManager, guardIdentifiers, keys)
                    .forEach(guardErrors::add);
            if (!guardErrors.isEmpty()) {
                event.addDeploymentProblem(guardErrors.toException());
            }
        }
        metricSink =
                deployment.metricsEnabled() ? MetricBackends.onClassPath().find(beanManager) : null;
        RequestContextActivation requestContext =
                RequestScopeWatchers.present(beanManager)
                        ? new RequestContextControllers(beanManager)
                        : UnseenRequestContext.INSTANCE;
        pipelines =
                deployment.assemble(
                        beanManager,
                        threads,
                        metricSink,
                        CompletionStageAdapter.NONE,
                        requestContext);
        late =
                deployment.late(
                        mpConfig,
                        new GuardedMethodFinder(beanManager)::find,
                        pipelines,
                        beanManager,
                        threads,
                        metricSink,
                        CompletionStageAdapter.NONE,
                        requestContext);
    }

    void stopThreads(@Observes BeforeShutdown event) {
        deployment.close(threads, metricSink);
    }

    /** @return the valid definitions of the deployment's guarded methods, for tests and diagnostics */
    List<MethodDefinition> definitions() {
        return deployment.definitions();
    }

    /** @return the container's fleet member, when config puts breakers in fleet mode; for tests and diagnostics */
    Optional<FleetMember> fleet() {
        return deployment.fleet();
    }

    /** @return the threads this deployment's pipelines run on, for tests and diagnostics */
    ThreadPools threads() {
        return threads;
    }

    /**
     * @param targetClass the class of an intercepted call's target: a subclass the container generated for a bean
     *                    class (synthetic), or the class of an instance it wraps ({@code InterceptionFactory})
     * @return for a bean instance, the pipelines of its bean class (a bean class whose policies are all disabled
     *         has an empty table); for any other instance, a table of its own that finds the pipelines of its
     *         class on first use
     */
    PipelineTable pipelinesOfTarget(Class<?> targetClass) {
        Class<?> beanClass = targetClass;
        while (beanClass.isSynthetic() && beanClass.getSuperclass() != null) {
            beanClass = beanClass.getSuperclass();
        }
        LatePipelines lateAssembly = late;
        if (beanClass != targetClass || lateAssembly == null) {
            return pipelines.getOrDefault(beanClass, PipelineTable.EMPTY);
        }
        return lateAssembly.tableFor(beanClass);
    }
}
