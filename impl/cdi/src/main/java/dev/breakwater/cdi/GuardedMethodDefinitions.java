package dev.breakwater.cdi;

import dev.breakwater.api.RateLimiters;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.FleetMember;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.metrics.MetricSink;
import dev.breakwater.metrics.SpecMetrics;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The deployment of a container's guarded methods, driven by both integrations: the CDI extension hands it each
 * bean's methods as the container discovers them ({@link #addBean}), Quarkus hands it the methods its build-time
 * index found ({@link #read}). It resolves their parameters through MicroProfile Config, checks where breaker names
 * are placed, assigns breaker names, collects every definition error of the deployment, and assembles the
 * pipelines; so these steps, their order and their messages are the same on every container.
 */
public final class GuardedMethodDefinitions {

    private final DefinitionErrors errors = new DefinitionErrors();
    private final FaultToleranceConfig config;
    private final MethodDefinitionReader reader;
    private final List<GuardedMethod> found = new ArrayList<>();
    private final List<MethodDefinition> definitions = new ArrayList<>();
    private Map<GuardedMethod, String> breakerNames = Map.of();
    private Map<GuardedMethod, String> fleetRateLimits = Map.of();
    private final BreakerRegistry breakers = new BreakerRegistry(CircuitBreakerRegistry.create());
    private final RateLimiterRegistry rateLimiters = new RateLimiterRegistry();
    private final FleetSettings fleetSettings;
    private FleetMember fleet;

    /**
     * @param config where parameters and switches are read
     * @param fallbackMethods how {@code fallbackMethod} names are resolved
     * @param adapter which reactive return types are guarded like {@code CompletionStage}
     * @param mpCompatibleByDefault whether the spec's semantics apply unless {@code mp-compatibility} is configured
     * @param fleetConnector how the fleet member reaches Redis on this platform
     */
    GuardedMethodDefinitions(
            Config config,
            FallbackMethodLookup fallbackMethods,
            CompletionStageAdapter adapter,
            boolean mpCompatibleByDefault,
            FleetConnector fleetConnector) {
        this.config = new FaultToleranceConfig(config, errors, mpCompatibleByDefault);
        this.reader = new MethodDefinitionReader(this.config, errors, fallbackMethods, adapter);
        this.fleetSettings = FleetSettings.read(config, fleetConnector, errors);
    }

    /**
     * Resolves and validates every method, collecting all errors before failing.
     *
     * @param config where parameters and switches are read
     * @param methods the guarded methods, with the annotations in effect on each
     * @param namedBeanClasses bean classes that declare {@code @BreakerName} somewhere: each such method must have a
     *        circuit breaker (the check Weld runs on every bean); empty when the names were already checked
     * @param fallbackMethods how {@code fallbackMethod} names are resolved
     * @param adapter which reactive return types are guarded like {@code CompletionStage}
     * @param mpCompatibleByDefault whether the spec's semantics apply unless {@code mp-compatibility} is configured
     *        (false on Quarkus: SmallRye's non-compatible mode, as the incumbent defaults to)
     * @return the valid definitions of the methods on which some policy is in effect
     * @throws FaultToleranceDefinitionException listing every definition error, as on a CDI container, and every
     *         key under {@code quarkus.fault-tolerance.} or {@code smallrye.faulttolerance.} that configures none of
     *         {@code methods}
     */
    public static GuardedMethodDefinitions read(
            Config config,
            Collection<GuardedMethod> methods,
            Collection<Class<?>> namedBeanClasses,
            FallbackMethodLookup fallbackMethods,
            CompletionStageAdapter adapter,
            boolean mpCompatibleByDefault) {
        return read(
                config,
                methods,
                namedBeanClasses,
                fallbackMethods,
                adapter,
                mpCompatibleByDefault,
                Set.of());
    }

    /**
     * As {@link #read(Config, Collection, Collection, FallbackMethodLookup, CompletionStageAdapter, boolean)}, for a
     * deployment with {@code Guard} or {@code TypedGuard} beans, whose identifiers config keys may name.
     *
     * @param guardIdentifiers the {@code @Identifier}s of the deployment's {@code Guard} and {@code TypedGuard} beans
     */
    public static GuardedMethodDefinitions read(
            Config config,
            Collection<GuardedMethod> methods,
            Collection<Class<?>> namedBeanClasses,
            FallbackMethodLookup fallbackMethods,
            CompletionStageAdapter adapter,
            boolean mpCompatibleByDefault,
            Set<String> guardIdentifiers) {
        return read(
                config,
                methods,
                namedBeanClasses,
                fallbackMethods,
                adapter,
                mpCompatibleByDefault,
                guardIdentifiers,
                FleetConnector.redisUri());
    }

    /**
     * As {@link #read(Config, Collection, Collection, FallbackMethodLookup, CompletionStageAdapter, boolean, Set)},
     * on a platform with its own way to Redis for fleet mode.
     *
     * @param fleetConnector how the fleet member reaches Redis on this platform
     */
    public static GuardedMethodDefinitions read(
            Config config,
            Collection<GuardedMethod> methods,
            Collection<Class<?>> namedBeanClasses,
            FallbackMethodLookup fallbackMethods,
            CompletionStageAdapter adapter,
            boolean mpCompatibleByDefault,
            Set<String> guardIdentifiers,
            FleetConnector fleetConnector) {
        GuardedMethodDefinitions deployment =
                new GuardedMethodDefinitions(
                        config, fallbackMethods, adapter, mpCompatibleByDefault, fleetConnector);
        Map<Class<?>, List<GuardedMethod>> byBeanClass = new LinkedHashMap<>();
        for (GuardedMethod method : methods) {
            deployment.read(method);
            byBeanClass
                    .computeIfAbsent(method.beanClass(), beanClass -> new ArrayList<>())
                    .add(method);
        }
        for (Class<?> beanClass : namedBeanClasses) {
            BreakerNames.checkPlacement(
                    beanClass, byBeanClass.getOrDefault(beanClass, List.of()), deployment.errors);
        }
        DefinitionErrors errors = deployment.complete(guardIdentifiers);
        if (!errors.isEmpty()) {
            throw errors.toException();
        }
        return deployment;
    }

    /**
     * Reads the guarded methods of one bean class and checks where its breaker names are placed.
     *
     * @param beanClass the bean class
     * @param guarded its guarded methods
     */
    void addBean(Class<?> beanClass, List<GuardedMethod> guarded) {
        for (GuardedMethod method : guarded) {
            read(method);
        }
        BreakerNames.checkPlacement(beanClass, guarded, errors);
    }

    private void read(GuardedMethod method) {
        found.add(method);
        reader.read(method).ifPresent(definitions::add);
    }

    /**
     * Ends discovery: assigns the breaker names and checks the configured keys against the methods found.
     *
     * @param guardIdentifiers the {@code @Identifier}s of the {@code Guard} and {@code TypedGuard} beans, which config
     *                         keys may name too
     * @return every definition error of the deployment, empty when it is valid
     */
    DefinitionErrors complete(Set<String> guardIdentifiers) {
        breakerNames = BreakerNames.assign(definitions, errors);
        UnknownConfigKeys.check(config.prefixedKeys(), found, guardIdentifiers, errors);
        fleetSettings.checkBreakers(breakerNames.values(), errors);
        checkFleetRateLimits();
        config.forgetValues();
        return errors;
    }

    /** Names the rate limits as config names them, and checks those that {@code rate-limits} puts in fleet mode. */
    private void checkFleetRateLimits() {
        Map<GuardedMethod, String> names =
                BreakerNames.methodNames(definitions, definition -> definition.rateLimit() != null);
        Map<String, MethodDefinition> byName = new HashMap<>();
        for (MethodDefinition definition : definitions) {
            String name = names.get(definition.guarded());
            if (name != null) {
                byName.put(name, definition);
            }
        }
        fleetSettings.checkRateLimits(byName, errors);
        Map<GuardedMethod, String> inFleet = new HashMap<>();
        names.forEach(
                (method, name) -> {
                    if (fleetSettings.rateLimits().contains(name)) {
                        inFleet.put(method, name);
                    }
                });
        fleetRateLimits = Map.copyOf(inFleet);
    }

    /**
     * Checks, on the thread that starts the container, what only the started platform can tell about reaching Redis
     * in fleet mode ({@link FleetConnector#clientProblems}): {@link #read} may run before the platform's clients
     * are started.
     *
     * @throws FaultToleranceDefinitionException listing every such problem
     */
    public void checkFleetClient() {
        DefinitionErrors clientErrors = new DefinitionErrors();
        fleetSettings.checkClient(clientErrors);
        if (!clientErrors.isEmpty()) {
            throw clientErrors.toException();
        }
    }

    /** @return where the deployment's definition errors are collected, for checks the integration runs itself */
    DefinitionErrors errors() {
        return errors;
    }

    /** @return the deployment-wide settings */
    FaultToleranceConfig config() {
        return config;
    }

    /** @return the valid definitions read so far */
    List<MethodDefinition> definitions() {
        return List.copyOf(definitions);
    }

    /**
     * @return the {@code @Identifier}s of the container's {@code Guard} and {@code TypedGuard} beans (none when
     *         SmallRye's API is not on the class path)
     */
    public static Set<String> guardIdentifiers(BeanManager beanManager) {
        if (!SmallRyeApi.PRESENT) {
            return Set.of();
        }
        Set<String> identifiers = new TreeSet<>();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            String identifier = AppliedGuard.guardIdentifier(bean);
            if (identifier != null) {
                identifiers.add(identifier);
            }
        }
        return identifiers;
    }

    /**
     * Applies each guard's config (for the identifiers config keys name), so that an invalid value fails the start.
     *
     * @throws FaultToleranceDefinitionException listing every invalid configured value
     */
    public static void configureGuards(Config config, BeanManager beanManager) {
        Set<String> identifiers = guardIdentifiers(beanManager);
        if (identifiers.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>();
        config.getPropertyNames().forEach(keys::add);
        DefinitionErrors errors = new DefinitionErrors();
        AppliedGuard.configureNamed(beanManager, identifiers, keys).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw errors.toException();
        }
    }

    /**
     * @param config where the priority is configured
     * @return the priority of the fault tolerance interceptor: {@code mp.fault.tolerance.interceptor.priority},
     *         by default {@code PLATFORM_AFTER + 10}
     * @throws FaultToleranceDefinitionException when a deployment-wide setting cannot be read
     */
    public static int interceptorPriority(Config config) {
        DefinitionErrors errors = new DefinitionErrors();
        int priority = new FaultToleranceConfig(config, errors, true).interceptorPriority();
        if (!errors.isEmpty()) {
            throw errors.toException();
        }
        return priority;
    }

    /** @return whether metrics are switched on ({@code MP_Fault_Tolerance_Metrics_Enabled}, default true) */
    public boolean metricsEnabled() {
        return config.metricsEnabled();
    }

    /**
     * @param guarded a guarded method given to {@link #read}
     * @return the fallback method its {@code @Fallback} calls, if that names a method and is in effect
     */
    public Optional<Method> fallbackMethod(GuardedMethod guarded) {
        return definitions.stream()
                .filter(definition -> definition.guarded().equals(guarded))
                .map(MethodDefinition::fallback)
                .flatMap(
                        target ->
                                target instanceof FallbackTarget.BeanMethod method
                                        ? Stream.of(method.method())
                                        : target
                                                        instanceof
                                                        FallbackTarget.BeanMethodsByException
                                                                methods
                                                ? methods.withoutException().stream()
                                                : Stream.empty())
                .findFirst();
    }

    /**
     * @param guarded a guarded method given to {@link #read}
     * @return the method its {@code @BeforeRetry} calls, if that names a method and is in effect
     */
    public Optional<Method> beforeRetryMethod(GuardedMethod guarded) {
        return definitions.stream()
                .filter(definition -> definition.guarded().equals(guarded))
                .map(MethodDefinition::beforeRetry)
                .filter(BeforeRetryTarget.BeanMethod.class::isInstance)
                .map(target -> ((BeforeRetryTarget.BeanMethod) target).method())
                .findFirst();
    }

    /**
     * @param guarded a guarded method given to {@link #read}
     * @return the predicate classes of its {@code @RetryWhen} in effect, created through their public constructors
     */
    public List<Class<?>> retryPredicateClasses(GuardedMethod guarded) {
        List<Class<?>> classes = new ArrayList<>();
        for (MethodDefinition definition : definitions) {
            RetryPredicates predicates = definition.retryPredicates();
            if (definition.guarded().equals(guarded) && predicates != null) {
                if (predicates.result() != null) {
                    classes.add(predicates.result());
                }
                if (predicates.exception() != null) {
                    classes.add(predicates.exception());
                }
            }
        }
        return classes;
    }

    /**
     * Builds one pipeline per (bean class, method).
     *
     * @param beanManager resolves fallback handlers and request contexts
     * @param threads the threads asynchronous work, timeouts and retry delays run on
     * @param metricSink where metrics go, or {@code null} for none
     * @param adapter the adapter given to {@link #read}
     * @param requestContext activates the request context of asynchronous calls
     * @return the pipelines by bean class; a guarded bean class whose policies are all switched off has an empty
     *         table, so that an instance of it is not discovered again
     */
    public Map<Class<?>, PipelineTable> assemble(
            BeanManager beanManager,
            ThreadPools threads,
            MetricSink metricSink,
            CompletionStageAdapter adapter,
            RequestContextActivation requestContext) {
        if (metricSink != null) {
            breakers.control()
                    .meterBreakersBuiltInCode(
                            breaker -> SpecMetrics.ofBreaker(metricSink, breaker));
        }
        // The member starts first, so that breakers and rate limits are members of the fleet
        // as they are built: before their gauges are registered and their first call.
        FleetJoins joins = FleetJoins.NONE;
        if (fleetSettings.enabled()) {
            fleet = fleetSettings.start();
            joins = new FleetJoins(fleet, new HashSet<>(fleetSettings.breakers()), fleetRateLimits);
        }
        Map<Class<?>, PipelineTable> tables;
        try {
            tables =
                    new HashMap<>(
                            new PipelineAssembler(
                                            beanManager,
                                            threads,
                                            metricSink,
                                            adapter,
                                            requestContext,
                                            breakers,
                                            rateLimiters,
                                            breakerNames,
                                            MicroProfileRejections.of(config.stacklessRefusals()),
                                            joins)
                                    .assemble(definitions));
        } catch (RuntimeException | Error failed) {
            if (fleet != null) {
                fleet.close(); // its thread must not outlive a deployment that failed
                fleet = null;
            }
            throw failed;
        }
        for (GuardedMethod method : found) {
            tables.putIfAbsent(method.beanClass(), PipelineTable.EMPTY);
        }
        return Map.copyOf(tables);
    }

    /**
     * Pipelines for intercepted instances of classes that were not given to {@link #read} (on Quarkus: instances
     * wrapped by {@code InterceptionProxy}), assembled on their first call from the call's interceptor bindings,
     * with the same rules and messages, their circuit breakers registered with {@link #breakers()}.
     *
     * @param config where parameters are read, at first use
     * @param assembled what {@link #assemble} returned: a class found in it keeps its pipelines
     * @param beanManager resolves fallback handlers and request contexts
     * @param threads the threads given to {@link #assemble}
     * @param metricSink where metrics go, or {@code null} for none
     * @param adapter the adapter given to {@link #read}
     * @param requestContext activates the request context of asynchronous calls
     * @return the pipelines of such instances
     */
    public LatePipelines late(
            Config config,
            Map<Class<?>, PipelineTable> assembled,
            BeanManager beanManager,
            ThreadPools threads,
            MetricSink metricSink,
            CompletionStageAdapter adapter,
            RequestContextActivation requestContext) {
        return late(
                config, null, assembled, beanManager, threads, metricSink, adapter, requestContext);
    }

    /**
     * As {@link #late(Config, Map, BeanManager, ThreadPools, MetricSink, CompletionStageAdapter,
     * RequestContextActivation)}, for a container that can discover an arbitrary class.
     *
     * @param discovery finds the guarded methods of a class, or {@code null} to rely on the call's bindings alone
     */
    LatePipelines late(
            Config config,
            Function<Class<?>, List<GuardedMethod>> discovery,
            Map<Class<?>, PipelineTable> assembled,
            BeanManager beanManager,
            ThreadPools threads,
            MetricSink metricSink,
            CompletionStageAdapter adapter,
            RequestContextActivation requestContext) {
        return new LatePipelines(
                config,
                this.config.mpCompatibility(),
                MicroProfileRejections.of(this.config.stacklessRefusals()),
                discovery,
                assembled,
                List.copyOf(found),
                beanManager,
                threads,
                metricSink,
                adapter,
                requestContext,
                breakers,
                rateLimiters);
    }

    /**
     * @param threads the threads given to {@link #assemble}
     * @param adapter the adapter given to {@link #read}
     * @return what the application's {@code Guard}s share with its guarded methods, to be offered as a bean
     */
    public GuardResources guardResources(ThreadPools threads, CompletionStageAdapter adapter) {
        return guardResources(threads, adapter, null);
    }

    /**
     * @param callerContexts carries the caller's contexts (its request context, and with Context Propagation the
     *                       others) to a guard's offloaded asynchronous actions, or {@code null}
     * @return what the application's {@code Guard}s share with the pipelines {@link #assemble} builds
     */
    public GuardResources guardResources(
            ThreadPools threads,
            CompletionStageAdapter adapter,
            RequestContextActivation callerContexts) {
        return new GuardResources(
                threads,
                breakers,
                MicroProfileRejections.of(config.stacklessRefusals()),
                adapter,
                config.nonFallbackEnabled(),
                callerContexts);
    }

    /**
     * @return the circuit breakers {@link #assemble} registers, by name: the application's {@code CircuitBreakers},
     *         which breakers built with the typed API join too; closed by whoever stops the application
     */
    public CircuitBreakerRegistry breakers() {
        return breakers.control();
    }

    /**
     * Stops what the deployment runs on, when the application stops: its fleet member first (the breakers leave the
     * fleet), then its threads, its breaker registry (entries and subscribers dropped, later registrations refused)
     * and its metrics, so nothing of it stays reachable.
     *
     * @param threads the threads {@link #assemble} was given
     * @param metricSink the sink it was given, or {@code null}
     */
    public void close(ThreadPools threads, MetricSink metricSink) {
        if (fleet != null) {
            fleet.close();
        }
        threads.close();
        breakers().close();
        if (metricSink != null) {
            metricSink.close();
        }
    }

    /**
     * @return the container's fleet member, which {@link #assemble} started when config puts breakers in fleet mode
     *         ({@code breakwater.fleet.breakers}); closed by whoever stops the application, before the breakers
     */
    public Optional<FleetMember> fleet() {
        return Optional.ofNullable(fleet);
    }

    /** @return the rate limiters {@link #assemble} registers, by method: the application's {@code RateLimiters} */
    public RateLimiters rateLimiters() {
        return rateLimiters;
    }
}
