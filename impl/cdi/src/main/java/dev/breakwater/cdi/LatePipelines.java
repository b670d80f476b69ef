package dev.breakwater.cdi;

import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.ThreadPools;
import dev.breakwater.metrics.MetricSink;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/**
 * The pipelines of intercepted instances that are not instances of a bean class seen at deployment: an instance
 * made by {@code InterceptionFactory} (or, on Quarkus, {@code InterceptionProxy}), a class that is not a bean, a
 * subclass of a bean class. Each class is discovered, validated with the deployment's messages and assembled on its
 * first call, once, and kept by class like the deployment's.
 *
 * <p>The annotations in effect on a method are the fault-tolerance annotations among the call's interceptor
 * bindings ({@link InvocationContext#getInterceptorBindings()}, Jakarta Interceptors 2.2), because those include the
 * ones added through {@code InterceptionFactory.configure()} or an ArC bindings source, which the class does not
 * carry. Where they differ from what the class declares, the method gets a pipeline of its own per set of
 * annotations. A container that reports no bindings gets the class's annotations.
 *
 * <p>A definition error fails every call of the class (or of the configured method) with the message a deployment
 * would have failed with, and is logged once, when it is found.
 */
public final class LatePipelines {

    private static final System.Logger LOG = System.getLogger(LatePipelines.class.getName());

    private final Config config;
    private final boolean mpCompatibility;
    private final MicroProfileRejections rejections;
    private final Function<Class<?>, List<GuardedMethod>> discovery;
    private final Map<Class<?>, PipelineTable> prebuilt;
    private final Map<Class<?>, List<GuardedMethod>> prebuiltFound;
    private final BeanManager beanManager;
    private final ThreadPools threads;
    private final MetricSink metricSink;
    private final CompletionStageAdapter adapter;
    private final RequestContextActivation requestContext;
    private final BreakerRegistry breakers;
    private final RateLimiterRegistry rateLimiters;
    private final ConcurrentMap<Class<?>, LateClass> classes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Configured, Late> configured = new ConcurrentHashMap<>();

    /**
     * @param config where parameters are read, at first use
     * @param mpCompatibility the deployment's {@code mp-compatibility}, as the deployment resolved it
     * @param rejections the exceptions refusals throw, as the deployment chose them
     * @param discovery finds the guarded methods of a class, or {@code null} to rely on the call's interceptor
     *                  bindings alone (where the container cannot describe an arbitrary class)
     * @param prebuilt the pipelines assembled at deployment, by bean class
     * @param prebuiltFound the guarded methods they were assembled from
     */
    LatePipelines(
            Config config,
            boolean mpCompatibility,
            MicroProfileRejections rejections,
            Function<Class<?>, List<GuardedMethod>> discovery,
            Map<Class<?>, PipelineTable> prebuilt,
            List<GuardedMethod> prebuiltFound,
            BeanManager beanManager,
            ThreadPools threads,
            MetricSink metricSink,
            CompletionStageAdapter adapter,
            RequestContextActivation requestContext,
            BreakerRegistry breakers,
            RateLimiterRegistry rateLimiters) {
        this.config = config;
        this.mpCompatibility = mpCompatibility;
        this.rejections = rejections;
        this.discovery = discovery;
        this.prebuilt = prebuilt;
        this.prebuiltFound =
                prebuiltFound.stream().collect(Collectors.groupingBy(GuardedMethod::beanClass));
        this.beanManager = beanManager;
        this.threads = threads;
        this.metricSink = metricSink;
        this.adapter = adapter;
        this.requestContext = requestContext;
        this.breakers = breakers;
        this.rateLimiters = rateLimiters;
    }

    /**
     * @param beanClass the class of an intercepted instance that the container did not subclass
     * @return a table for one intercepted instance, which finds each method's pipeline on its first call
     */
    public PipelineTable tableFor(Class<?> beanClass) {
        LateClass late = classes.computeIfAbsent(beanClass, this::discover);
        return new PipelineTable(late::pipeline, late.methods, adapter);
    }

    private LateClass discover(Class<?> beanClass) {
        int methods = GuardedMethodFinder.businessMethods(beanClass).size();
        PipelineTable table = prebuilt.get(beanClass);
        if (table != null) {
            return new LateClass(
                    beanClass,
                    methods,
                    prebuiltFound.getOrDefault(beanClass, List.of()),
                    table.byMethod(),
                    null);
        }
        if (discovery == null) {
            return new LateClass(beanClass, methods, List.of(), Map.of(), null);
        }
        DefinitionErrors errors = new DefinitionErrors();
        List<GuardedMethod> found = discovery.apply(beanClass);
        BreakerNames.checkPlacement(beanClass, found, errors);
        Optional<Map<Method, Pipeline<InvocationContext>>> assembled =
                assemble(beanClass, found, errors);
        return assembled
                .map(pipelines -> new LateClass(beanClass, methods, found, pipelines, null))
                .orElseGet(
                        () -> new LateClass(beanClass, methods, found, Map.of(), failure(errors)));
    }

    /** @return the pipelines by method, or empty when a definition error was recorded */
    private Optional<Map<Method, Pipeline<InvocationContext>>> assemble(
            Class<?> beanClass, List<GuardedMethod> found, DefinitionErrors errors) {
        MethodDefinitionReader reader =
                new MethodDefinitionReader(
                        new FaultToleranceConfig(config, errors, mpCompatibility),
                        errors,
                        FallbackMethodLookup.SEARCH,
                        adapter);
        List<MethodDefinition> definitions = new ArrayList<>();
        for (GuardedMethod guarded : found) {
            reader.read(guarded).ifPresent(definitions::add);
        }
        Map<GuardedMethod, String> names = BreakerNames.assign(definitions, errors);
        for (MethodDefinition definition : definitions) {
            checkSharedBreaker(definition, names.get(definition.guarded()), errors);
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        PipelineTable table =
                new PipelineAssembler(
                                beanManager,
                                threads,
                                metricSink,
                                adapter,
                                requestContext,
                                breakers,
                                rateLimiters,
                                names,
                                rejections,
                                FleetJoins.NONE)
                        .assemble(definitions)
                        .getOrDefault(beanClass, PipelineTable.EMPTY);
        return Optional.of(table.byMethod());
    }

    /**
     * A breaker assembled earlier under the same name has a policy of its own, which the name cannot change, and
     * may have been named by a {@code @CircuitBreakerName}, which no other method declaration may share; a breaker
     * built in code (the typed API, a {@code Guard}) shares its name with nothing.
     */
    private void checkSharedBreaker(
            MethodDefinition definition, String name, DefinitionErrors errors) {
        CircuitBreakerPolicy policy = definition.circuitBreaker();
        if (policy == null || name == null) {
            return;
        }
        List<GuardedMethod> sharers = new ArrayList<>(breakers.methods(name));
        if (sharers.isEmpty() && breakers.policy(name).isPresent()) {
            errors.add(
                    "@CircuitBreaker on "
                            + definition.guarded().describe()
                            + " is named '"
                            + name
                            + "', the name"
                            + " of a circuit breaker built in code; allowed: a name no circuit breaker built in code has"
                            + " (give the method another @BreakerName)");
            return;
        }
        sharers.add(definition.guarded());
        Optional<String> violation = BreakerNames.oneDeclarationViolation(name, sharers);
        if (violation.isPresent()) {
            errors.add(violation.get());
            return;
        }
        breakers.policy(name)
                .filter(existing -> !existing.equals(policy))
                .ifPresent(
                        existing ->
                                errors.add(
                                        "@CircuitBreaker on "
                                                + definition.guarded().describe()
                                                + " shares the breaker named '"
                                                + name
                                                + "' with a method assembled before it but differs from its policy ("
                                                + existing
                                                + ", here "
                                                + policy
                                                + "); allowed: the same delay, requestVolumeThreshold, failureRatio,"
                                                + " successThreshold, failOn and skipOn on every method of one breaker name (give the"
                                                + " method another @BreakerName to keep the breakers apart)"));
    }

    private static FaultToleranceDefinitionException failure(DefinitionErrors errors) {
        FaultToleranceDefinitionException failure = errors.toException();
        LOG.log(
                System.Logger.Level.ERROR,
                "Fault tolerance of an instance assembled on its first call is invalid;"
                        + " every call of it fails with: "
                        + failure.getMessage());
        return failure;
    }

    /** The fault-tolerance annotations among the call's interceptor bindings. */
    private static Set<Annotation> boundAnnotations(InvocationContext context) {
        return context.getInterceptorBindings().stream()
                .filter(
                        binding ->
                                FaultToleranceAnnotations.BINDINGS.contains(
                                        binding.annotationType()))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Compares bindings only: a backoff modifies a {@code @Retry} but is no binding, so the call never shows it. */
    private static boolean declares(GuardedMethod known, Set<Annotation> annotations) {
        long bindings =
                known.annotations().keySet().stream()
                        .filter(FaultToleranceAnnotations.BINDINGS::contains)
                        .count();
        if (bindings != annotations.size()) {
            return false;
        }
        for (Annotation annotation : annotations) {
            FoundAnnotation<?> found = known.annotations().get(annotation.annotationType());
            if (found == null || !found.annotation().equals(annotation)) {
                return false;
            }
        }
        return true;
    }

    private Late assembleConfigured(Configured key, GuardedMethod known) {
        Map<Class<? extends Annotation>, FoundAnnotation<?>> annotations = new LinkedHashMap<>();
        for (Annotation annotation : key.annotations()) {
            annotations.put(
                    annotation.annotationType(),
                    located(key.beanClass(), key.method(), annotation, known));
        }
        if (known != null) {
            // What modifies a binding (a backoff) is not among the call's bindings: the class's own
            // applies.
            known.annotations()
                    .forEach(
                            (type, found) -> {
                                if (!FaultToleranceAnnotations.BINDINGS.contains(type)) {
                                    annotations.putIfAbsent(type, found);
                                }
                            });
        }
        GuardedMethod guarded = GuardedMethod.found(key.beanClass(), key.method(), annotations);
        DefinitionErrors errors = new DefinitionErrors();
        return assemble(key.beanClass(), List.of(guarded), errors)
                .map(pipelines -> new Late(pipelines.get(key.method()), null))
                .orElseGet(() -> new Late(null, failure(errors)));
    }

    /**
     * Where an annotation of the bindings comes from, which decides the config keys that apply: the method, or a
     * class of the hierarchy; one that neither carries (added through a configurator or a bindings source) counts as
     * the method's.
     */
    private static FoundAnnotation<?> located(
            Class<?> beanClass, Method method, Annotation annotation, GuardedMethod known) {
        Class<? extends Annotation> type = annotation.annotationType();
        FoundAnnotation<?> declared = known == null ? null : known.annotations().get(type);
        if (declared != null && declared.annotation().equals(annotation)) {
            return declared;
        }
        if (annotation.equals(method.getAnnotation(type))) {
            return new FoundAnnotation<>(annotation, false, method.getDeclaringClass());
        }
        for (Class<?> current = beanClass; current != null; current = current.getSuperclass()) {
            if (annotation.equals(current.getDeclaredAnnotation(type))) {
                return new FoundAnnotation<>(annotation, true, current);
            }
        }
        return new FoundAnnotation<>(annotation, false, method.getDeclaringClass());
    }

    /** A class assembled on first use: its guarded methods and their pipelines, or the definition error. */
    private final class LateClass {
        private final Class<?> beanClass;
        private final int methods;
        private final Map<Method, GuardedMethod> found = new HashMap<>();
        private final Map<Method, Pipeline<InvocationContext>> pipelines;
        private final FaultToleranceDefinitionException failure;

        LateClass(
                Class<?> beanClass,
                int methods,
                List<GuardedMethod> found,
                Map<Method, Pipeline<InvocationContext>> pipelines,
                FaultToleranceDefinitionException failure) {
            this.beanClass = beanClass;
            this.methods = methods;
            found.forEach(guarded -> this.found.put(guarded.method(), guarded));
            this.pipelines = pipelines;
            this.failure = failure;
        }

        Pipeline<InvocationContext> pipeline(InvocationContext context) {
            if (failure != null) {
                throw new FaultToleranceDefinitionException(failure.getMessage());
            }
            Method method = context.getMethod();
            Set<Annotation> bound = boundAnnotations(context);
            GuardedMethod known = found.get(method);
            if (bound.isEmpty() || known != null && declares(known, bound)) {
                return pipelines.get(method);
            }
            Late late =
                    configured.computeIfAbsent(
                            new Configured(beanClass, method, bound),
                            key -> assembleConfigured(key, known));
            if (late.failure() != null) {
                throw new FaultToleranceDefinitionException(late.failure().getMessage());
            }
            return late.pipeline();
        }
    }

    /** A method whose annotations were configured on the intercepted type rather than declared by its class. */
    private record Configured(Class<?> beanClass, Method method, Set<Annotation> annotations) {}

    private record Late(
            Pipeline<InvocationContext> pipeline, FaultToleranceDefinitionException failure) {}
}
