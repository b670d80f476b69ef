package dev.breakwater.quarkus.deployment;

import dev.breakwater.api.BreakerName;
import dev.breakwater.cdi.ApplyGuardBinding;
import dev.breakwater.cdi.ApplyGuardInterceptor;
import dev.breakwater.cdi.FaultToleranceBinding;
import dev.breakwater.cdi.GuardedMethodDefinitions;
import dev.breakwater.cdi.MetricBackends;
import dev.breakwater.cdi.SuspendFunctions;
import dev.breakwater.quarkus.ApplicationFeatures;
import dev.breakwater.quarkus.BreakerControl;
import dev.breakwater.quarkus.BreakwaterInterceptor;
import dev.breakwater.quarkus.BreakwaterRecorder;
import dev.breakwater.quarkus.CircuitBreakerHealthCheck;
import dev.breakwater.quarkus.FleetRedisClients;
import dev.breakwater.quarkus.GuardedPipelines;
import dev.breakwater.quarkus.MethodReference;
import dev.breakwater.quarkus.RateLimiterHealthCheck;
import dev.breakwater.quarkus.RecordedAnnotation;
import dev.breakwater.quarkus.RecordedMethod;
import io.quarkus.arc.BindingsSource;
import io.quarkus.arc.InterceptionProxy;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.TransformedAnnotationsBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.GeneratedClassGizmo2Adaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AnnotationProxyBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExecutorBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.GeneratedResourceBuildItem;
import io.quarkus.deployment.builditem.RuntimeConfigSetupCompleteBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveMethodBuildItem;
import io.quarkus.deployment.execannotations.ExecutionModelAnnotationsAllowedBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.annotation.Priority;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

/** The build steps of the Breakwater extension. */
class BreakwaterProcessor {

    private static final String FEATURE = "breakwater-fault-tolerance";

    /** Present when the application has {@code quarkus-smallrye-context-propagation}, which declares no capability. */
    private static final String CONTEXT_PROPAGATION =
            "io.quarkus.smallrye.context.runtime.QuarkusContextManagerProvider";

    private static final DotName BINDING = DotName.createSimple(FaultToleranceBinding.class);
    private static final DotName INTERCEPTOR = DotName.createSimple(BreakwaterInterceptor.class);
    private static final DotName BREAKER_NAME = DotName.createSimple(BreakerName.class);
    private static final DotName CIRCUIT_BREAKER_NAME =
            DotName.createSimple(CircuitBreakerName.class);
    private static final DotName APPLY_GUARD = DotName.createSimple(ApplyGuard.class);
    private static final DotName GUARD = DotName.createSimple(Guard.class);
    private static final DotName TYPED_GUARD = DotName.createSimple(TypedGuard.class);
    private static final DotName IDENTIFIER = DotName.createSimple(Identifier.class);
    private static final DotName APPLY_GUARD_BINDING =
            DotName.createSimple(ApplyGuardBinding.class);
    private static final DotName APPLY_GUARD_INTERCEPTOR =
            DotName.createSimple(ApplyGuardInterceptor.class);
    private static final DotName INTERCEPTION_PROXY = DotName.createSimple(InterceptionProxy.class);
    private static final DotName BINDINGS_SOURCE = DotName.createSimple(BindingsSource.class);

    /** A class of Quarkus's Redis client (quarkus-redis-client), which fleet mode runs on. */
    private static final String REDIS_CLIENT = "io.vertx.redis.client.Redis";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The interceptor, the pipelines it runs, the {@code CircuitBreakers} bean, the binding, and the binding
     * annotations so ArC knows them as bindings.
     */
    @BuildStep
    void beans(BuildProducer<AdditionalBeanBuildItem> beans) {
        AdditionalBeanBuildItem.Builder builder =
                AdditionalBeanBuildItem.builder()
                        .setUnremovable()
                        .addBeanClasses(
                                BreakwaterInterceptor.class,
                                GuardedPipelines.class,
                                BreakerControl.class,
                                FaultToleranceBinding.class,
                                ApplyGuardInterceptor.class,
                                ApplyGuardBinding.class,
                                ApplyGuard.class);
        FaultToleranceNames.BINDINGS.forEach(builder::addBeanClass);
        beans.produce(builder.build());
    }

    /**
     * With quarkus-redis-client in the application, the bean through which fleet mode finds its Redis client: its
     * injection point makes Quarkus create the clients, which it creates only when something asks for them.
     */
    @BuildStep
    void fleetRedisClients(BuildProducer<AdditionalBeanBuildItem> beans) {
        if (QuarkusClassLoader.isClassPresentAtRuntime(REDIS_CLIENT)) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(FleetRedisClients.class));
        }
    }

    /**
     * The readiness checks, registered as an extension's: {@code quarkus-smallrye-health} adds them unless
     * {@code quarkus.smallrye-health.extensions.enabled} is {@code false}; {@code quarkus.breakwater.health.enabled}
     * switches them off alone.
     */
    @BuildStep
    void healthChecks(
            Capabilities capabilities,
            BreakwaterBuildTimeConfig config,
            BuildProducer<HealthBuildItem> checks) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            boolean enabled = config.health().enabled();
            checks.produce(new HealthBuildItem(CircuitBreakerHealthCheck.class.getName(), enabled));
            checks.produce(new HealthBuildItem(RateLimiterHealthCheck.class.getName(), enabled));
        }
    }

    /**
     * Declares {@code @FaultToleranceBinding} on each binding annotation (the spec's six and SmallRye's
     * {@code @RateLimit}), which are interceptor bindings
     * themselves: the binding becomes transitive, so any of them, on a method, a class, a superclass or a
     * stereotype, binds the one interceptor, with ArC's own inheritance rules and after every transformation.
     */
    @BuildStep
    AnnotationsTransformerBuildItem bindingOnAnnotations() {
        return new AnnotationsTransformerBuildItem(
                AnnotationTransformation.forClasses()
                        .when(
                                context ->
                                        FaultToleranceNames.BINDINGS_BY_NAME.containsKey(
                                                context.declaration().asClass().name()))
                        .transform(
                                context ->
                                        context.add(AnnotationInstance.builder(BINDING).build())));
    }

    /**
     * Quarkus rejects {@code @Blocking} and {@code @NonBlocking} on methods no framework invokes; on a guarded method
     * they tell fault tolerance where it runs, as on the incumbent, so they are allowed there (a binding on the method
     * or on the class that declares it).
     */
    @BuildStep
    ExecutionModelAnnotationsAllowedBuildItem blockingHintsOnGuardedMethods() {
        return new ExecutionModelAnnotationsAllowedBuildItem(
                method ->
                        FaultToleranceNames.BINDINGS_BY_NAME.keySet().stream()
                                .anyMatch(
                                        binding ->
                                                method.hasDeclaredAnnotation(binding)
                                                        || method.declaringClass()
                                                                .hasDeclaredAnnotation(binding)));
    }

    /**
     * Declares {@code @ApplyGuardBinding} on SmallRye's {@code @ApplyGuard}, so that it binds
     * {@link ApplyGuardInterceptor} whatever its identifier, and places that interceptor inside Breakwater's.
     */
    @BuildStep
    void applyGuardBinding(
            BuildProducer<AnnotationsTransformerBuildItem> transformers,
            BuildProducer<UnremovableBeanBuildItem> unremovable) {
        transformers.produce(
                new AnnotationsTransformerBuildItem(
                        AnnotationTransformation.forClasses()
                                .when(
                                        context ->
                                                context.declaration()
                                                        .asClass()
                                                        .name()
                                                        .equals(APPLY_GUARD))
                                .transform(
                                        context ->
                                                context.add(
                                                        AnnotationInstance.builder(
                                                                        APPLY_GUARD_BINDING)
                                                                .build()))));
        int priority = GuardedMethodDefinitions.interceptorPriority(ConfigProvider.getConfig()) + 1;
        transformers.produce(
                new AnnotationsTransformerBuildItem(
                        AnnotationTransformation.forClasses()
                                .when(
                                        context ->
                                                context.declaration()
                                                        .asClass()
                                                        .name()
                                                        .equals(APPLY_GUARD_INTERCEPTOR))
                                .transform(
                                        context ->
                                                context.add(
                                                        AnnotationInstance.builder(Priority.class)
                                                                .add("value", priority)
                                                                .build()))));
        // Guards are looked up by identifier at run time only.
        unremovable.produce(
                UnremovableBeanBuildItem.beanTypes(
                        DotName.createSimple(Guard.class), DotName.createSimple(TypedGuard.class)));
    }

    /** The interceptor's priority: {@code mp.fault.tolerance.interceptor.priority}, a build-time setting on ArC. */
    @BuildStep
    AnnotationsTransformerBuildItem interceptorPriority() {
        int priority = GuardedMethodDefinitions.interceptorPriority(ConfigProvider.getConfig());
        return new AnnotationsTransformerBuildItem(
                AnnotationTransformation.forClasses()
                        .when(context -> context.declaration().asClass().name().equals(INTERCEPTOR))
                        .transform(
                                context ->
                                        context.add(
                                                AnnotationInstance.builder(Priority.class)
                                                        .add("value", priority)
                                                        .build())));
    }

    /**
     * Fallback handlers and before-retry handlers are created as beans: ArC cannot make non-contextual instances.
     * Every concrete {@code FallbackHandler} and {@code BeforeRetryHandler} becomes a bean, since config may name
     * any of them.
     */
    @BuildStep
    void handlers(CombinedIndexBuildItem index, BuildProducer<AdditionalBeanBuildItem> beans) {
        AdditionalBeanBuildItem.Builder builder =
                AdditionalBeanBuildItem.builder().setUnremovable();
        for (Class<?> type : List.of(FallbackHandler.class, BeforeRetryHandler.class)) {
            for (ClassInfo handler : index.getIndex().getAllKnownImplementations(type)) {
                boolean nested = handler.nestingType() != ClassInfo.NestingType.TOP_LEVEL;
                if (!Modifier.isAbstract(handler.flags())
                        && !handler.isInterface()
                        && (!nested || Modifier.isStatic(handler.flags()))) {
                    builder.addBeanClass(handler.name().toString());
                }
            }
        }
        beans.produce(builder.build());
    }

    /**
     * Finds every guarded method of every class bean, and of every class a producer wraps with
     * {@code InterceptionProxy} (unless a {@code @BindingsSource} supplies its annotations, which the run time reads
     * from the call), and validates it: a definition error fails the build.
     */
    @BuildStep
    GuardedMethodsBuildItem validate(
            BeanDiscoveryFinishedBuildItem discovery,
            TransformedAnnotationsBuildItem transformed,
            CombinedIndexBuildItem index,
            BuildProducer<ReflectiveMethodBuildItem> reflection,
            BuildProducer<ReflectiveClassBuildItem> classReflection) {
        GuardedMethodScanner scanner = new GuardedMethodScanner(index.getIndex(), transformed);
        List<ScannedMethod> scanned = new ArrayList<>();
        List<ClassInfo> named = new ArrayList<>();
        Set<DotName> seen = new HashSet<>();
        for (BeanInfo bean : discovery.beanStream().classBeans()) {
            if (!bean.isInterceptor()
                    && !bean.isDecorator()
                    && seen.add(bean.getImplClazz().name())) {
                scan(scanner, bean.getImplClazz(), scanned, named);
            }
        }
        for (BeanInfo producer : discovery.beanStream().producerMethods()) {
            for (ClassInfo wrapped : wrappedClasses(producer, index)) {
                if (seen.add(wrapped.name())) {
                    scan(scanner, wrapped, scanned, named);
                }
            }
        }
        BuildTimeValidation validation =
                new BuildTimeValidation(Thread.currentThread().getContextClassLoader());
        Map<String, List<String>> guards = guardIdentifiers(discovery);
        validation.checkAppliedGuards(
                discovery.beanStream().classBeans().stream()
                        .map(BeanInfo::getImplClazz)
                        .distinct()
                        .filter(type -> usesAppliedGuard(type, index))
                        .toList(),
                guards);
        List<GuardedMethodsBuildItem.Validated> validated =
                validation.validate(scanned, named, ConfigProvider.getConfig(), guards.keySet());
        for (GuardedMethodsBuildItem.Validated method : validated) {
            // Looked up by name at run time; a fallback method is also invoked reflectively.
            reflection.produce(
                    new ReflectiveMethodBuildItem(
                            "fault tolerance guarded method", false, method.guarded().method()));
            if (method.fallbackMethod() != null) {
                reflection.produce(
                        new ReflectiveMethodBuildItem(
                                "fault tolerance fallback method", false, method.fallbackMethod()));
            }
            if (method.beforeRetryMethod() != null) {
                reflection.produce(
                        new ReflectiveMethodBuildItem(
                                "fault tolerance before-retry method",
                                false,
                                method.beforeRetryMethod()));
            }
            if (!method.retryPredicates().isEmpty()) {
                classReflection.produce(
                        ReflectiveClassBuildItem.builder(
                                        method.retryPredicates().toArray(new Class<?>[0]))
                                .constructors()
                                .reason("fault tolerance retry predicate")
                                .build());
            }
        }
        return new GuardedMethodsBuildItem(validated);
    }

    /**
     * @return for each identifier of a bean of type {@code Guard} or {@code TypedGuard}, one entry per such bean:
     *         the type a {@code TypedGuard} guards, or {@code null} for a {@code Guard}
     */
    private static Map<String, List<String>> guardIdentifiers(
            BeanDiscoveryFinishedBuildItem discovery) {
        Map<String, List<String>> identifiers = new HashMap<>();
        for (BeanInfo bean : discovery.beanStream()) {
            for (Type type : bean.getTypes()) {
                String guarded =
                        type.name().equals(GUARD)
                                ? null
                                : type.name().equals(TYPED_GUARD)
                                                && type.kind() == Type.Kind.PARAMETERIZED_TYPE
                                        ? type.asParameterizedType().arguments().get(0).toString()
                                        : "";
                if (!"".equals(guarded)) {
                    bean.getQualifiers().stream()
                            .filter(qualifier -> qualifier.name().equals(IDENTIFIER))
                            .forEach(
                                    qualifier ->
                                            identifiers
                                                    .computeIfAbsent(
                                                            qualifier.value().asString(),
                                                            key -> new ArrayList<>())
                                                    .add(guarded));
                }
            }
        }
        return identifiers;
    }

    /** @return whether the class or one of its superclasses has {@code @ApplyGuard} or the deprecated variant */
    private static boolean usesAppliedGuard(ClassInfo beanClass, CombinedIndexBuildItem index) {
        for (ClassInfo type = beanClass;
                type != null;
                type =
                        type.superName() == null
                                ? null
                                : index.getIndex().getClassByName(type.superName())) {
            for (DotName applied : FaultToleranceNames.APPLIED_GUARDS) {
                if (type.hasAnnotation(applied)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void scan(
            GuardedMethodScanner scanner,
            ClassInfo beanClass,
            List<ScannedMethod> scanned,
            List<ClassInfo> named) {
        scanned.addAll(scanner.scan(beanClass));
        // On the class or one of its members.
        if (beanClass.hasAnnotation(BREAKER_NAME)
                || beanClass.hasAnnotation(CIRCUIT_BREAKER_NAME)) {
            named.add(beanClass);
        }
    }

    /** @return the classes a producer method wraps with an {@code InterceptionProxy} without a bindings source */
    private static List<ClassInfo> wrappedClasses(BeanInfo producer, CombinedIndexBuildItem index) {
        List<ClassInfo> wrapped = new ArrayList<>();
        MethodInfo method = producer.getTarget().orElseThrow().asMethod();
        for (MethodParameterInfo parameter : method.parameters()) {
            Type type = parameter.type();
            if (type.name().equals(INTERCEPTION_PROXY)
                    && type.kind() == Type.Kind.PARAMETERIZED_TYPE
                    && !parameter.hasAnnotation(BINDINGS_SOURCE)) {
                ClassInfo proxied =
                        index.getIndex()
                                .getClassByName(
                                        type.asParameterizedType().arguments().get(0).name());
                if (proxied != null && !proxied.isInterface()) {
                    wrapped.add(proxied);
                }
            }
        }
        return wrapped;
    }

    /**
     * Records the validated methods, with their annotations as literals, and hands them to the pipelines bean at
     * static init, which comes before every run-time init step, so that {@link #beginReading} can depend on nothing
     * else.
     */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void recordMethods(
            BreakwaterRecorder recorder,
            GuardedMethodsBuildItem methods,
            AnnotationProxyBuildItem proxies,
            BuildProducer<GeneratedClassBuildItem> generatedClasses,
            BuildProducer<GeneratedResourceBuildItem> generatedResources,
            BeanContainerBuildItem container,
            Capabilities capabilities,
            Optional<MetricsCapabilityBuildItem> metricsCapability) {
        GeneratedClassGizmo2Adaptor classOutput =
                new GeneratedClassGizmo2Adaptor(generatedClasses, generatedResources, true);
        List<RecordedMethod> recorded = new ArrayList<>();
        for (GuardedMethodsBuildItem.Validated method : methods.methods()) {
            List<RecordedAnnotation> annotations = new ArrayList<>();
            for (ScannedMethod.Found found : method.scanned().annotations()) {
                AnnotationInstance instance = found.instance();
                annotations.add(
                        new RecordedAnnotation(
                                proxies.builder(
                                                instance,
                                                FaultToleranceNames.BY_NAME.get(instance.name()))
                                        .build(classOutput),
                                found.classLevel(),
                                found.declaredOn().name().toString()));
            }
            Method fallback = method.fallbackMethod();
            recorded.add(
                    new RecordedMethod(
                            method.scanned().beanClass().name().toString(),
                            MethodReference.of(method.guarded().method()),
                            annotations,
                            fallback == null ? null : MethodReference.of(fallback),
                            method.guarded().breakerName(),
                            method.guarded().circuitBreakerName()));
        }
        recorder.recordMethods(
                container.getValue(), recorded, features(capabilities, metricsCapability));
    }

    /**
     * Starts reading the recorded methods' definitions from the run-time config as soon as that config is set up:
     * on a thread of its own, while the rest of Quarkus starts. It consumes nothing but the run-time config, so that
     * it runs among the first run-time init steps.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(RuntimeConfigSetupCompleteBuildItem.class)
    @Produce(DefinitionsReadingBuildItem.class)
    void beginReading(BreakwaterRecorder recorder) {
        recorder.beginReading();
    }

    /**
     * Hands the worker pool to the pipelines bean before the application starts (the {@code ServiceStartBuildItem}
     * orders this before {@code StartupEvent}, where the pipelines are assembled from the definitions read).
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(DefinitionsReadingBuildItem.class)
    ServiceStartBuildItem initialize(
            BreakwaterRecorder recorder,
            BeanContainerBuildItem container,
            ExecutorBuildItem executor,
            ShutdownContextBuildItem shutdown) {
        recorder.initialize(container.getValue(), executor.getExecutorProxy(), shutdown);
        return new ServiceStartBuildItem(FEATURE);
    }

    /**
     * Micrometer when {@code quarkus-micrometer} supports it, OpenTelemetry when {@code quarkus-opentelemetry} has
     * its metrics on: as their capabilities say, so that an extension switched off at build time is not used. No
     * Quarkus extension offers MicroProfile Metrics, so its API on the class path is what chooses it.
     */
    private static ApplicationFeatures features(
            Capabilities capabilities, Optional<MetricsCapabilityBuildItem> metricsCapability) {
        MetricBackends backends =
                new MetricBackends(
                        QuarkusClassLoader.isClassPresentAtRuntime(
                                "org.eclipse.microprofile.metrics.MetricRegistry"),
                        metricsCapability
                                .filter(
                                        metrics ->
                                                metrics.metricsSupported(MetricsFactory.MICROMETER))
                                .isPresent(),
                        capabilities.isPresent(Capability.OPENTELEMETRY_METRICS));
        return new ApplicationFeatures(
                backends,
                QuarkusClassLoader.isClassPresentAtRuntime("io.smallrye.mutiny.Uni"),
                QuarkusClassLoader.isClassPresentAtRuntime(SuspendFunctions.CONTINUATION),
                QuarkusClassLoader.isClassPresentAtRuntime(CONTEXT_PROPAGATION));
    }
}
