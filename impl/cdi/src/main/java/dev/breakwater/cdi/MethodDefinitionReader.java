package dev.breakwater.cdi;

import dev.breakwater.api.BreakerPolicy;
import dev.breakwater.core.AsyncMode;
import dev.breakwater.core.Backoff;
import dev.breakwater.core.BulkheadPolicy;
import dev.breakwater.core.CircuitBreakerOptions;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.TimeoutPolicy;
import dev.breakwater.core.Violation;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Turns the annotations in effect on a guarded method into validated policies: each parameter resolved through
 * MicroProfile Config, each rule checked, every error recorded rather than the first one thrown.
 */
final class MethodDefinitionReader {

    private final FaultToleranceConfig config;
    private final DefinitionErrors errors;
    private final FallbackMethodLookup fallbackMethods;
    private final CompletionStageAdapter adapter;

    MethodDefinitionReader(FaultToleranceConfig config, DefinitionErrors errors) {
        this(config, errors, FallbackMethodLookup.SEARCH, CompletionStageAdapter.NONE);
    }

    MethodDefinitionReader(
            FaultToleranceConfig config,
            DefinitionErrors errors,
            FallbackMethodLookup fallbackMethods,
            CompletionStageAdapter adapter) {
        this.config = config;
        this.errors = errors;
        this.fallbackMethods = fallbackMethods;
        this.adapter = adapter;
    }

    /** @return the definition, or empty when it has errors (recorded) or nothing is enabled */
    Optional<MethodDefinition> read(GuardedMethod guarded) {
        int errorsBefore = errors.size();
        Asynchrony asynchrony =
                new Asynchrony(
                        enabledOrNull(guarded, Asynchronous.class),
                        enabledOrNull(guarded, SmallRyeApi.ASYNCHRONOUS_NON_BLOCKING),
                        foundOrNull(guarded, SmallRyeApi.BLOCKING),
                        foundOrNull(guarded, SmallRyeApi.NON_BLOCKING));
        asynchrony.check(guarded, adapter, errors);
        TimeoutPolicy timeout =
                guarded.find(Timeout.class)
                        .filter(found -> enabled(guarded, found))
                        .map(found -> timeout(parameters(guarded, found), found.annotation()))
                        .orElse(null);
        Optional<FoundAnnotation<Retry>> retryAnnotation = guarded.find(Retry.class);
        Optional<FoundAnnotation<Retry>> enabledRetry =
                retryAnnotation.filter(found -> enabled(guarded, found));
        BackoffReading.Read backoff =
                SmallRyeApi.PRESENT && (enabledRetry.isPresent() || retryAnnotation.isEmpty())
                        ? backoff(guarded, retryAnnotation.isPresent())
                        : null;
        boolean readRetryModifiers =
                SmallRyeApi.PRESENT && (enabledRetry.isPresent() || retryAnnotation.isEmpty());
        RetryWhenReading.Read retryWhen =
                readRetryModifiers ? retryWhen(guarded, retryAnnotation.isPresent()) : null;
        BeforeRetryTarget beforeRetry =
                readRetryModifiers ? beforeRetry(guarded, retryAnnotation.isPresent()) : null;
        RetryPolicy retry =
                enabledRetry
                        .map(
                                found ->
                                        retry(
                                                parameters(guarded, found),
                                                found.annotation(),
                                                backoff,
                                                retryWhen))
                        .orElse(null);
        Optional<FoundAnnotation<CircuitBreaker>> breakerAnnotation =
                guarded.find(CircuitBreaker.class);
        Optional<FoundAnnotation<CircuitBreaker>> enabledBreaker =
                breakerAnnotation.filter(found -> enabled(guarded, found));
        AnnotationParameters breakerPolicy =
                breakerAnnotation.isEmpty() || enabledBreaker.isPresent()
                        ? guarded.find(BreakerPolicy.class)
                                .filter(found -> enabled(guarded, found))
                                .map(found -> parameters(guarded, found))
                                .orElse(null)
                        : null;
        if (breakerPolicy != null && breakerAnnotation.isEmpty()) {
            breakerPolicy.reject(
                    "the method has no @CircuitBreaker; allowed: @BreakerPolicy only where"
                            + " @CircuitBreaker applies");
        }
        CircuitBreakerPolicy circuitBreaker =
                enabledBreaker
                        .map(
                                found ->
                                        circuitBreaker(
                                                parameters(guarded, found),
                                                found.annotation(),
                                                breakerPolicy,
                                                guarded.find(BreakerPolicy.class).orElse(null)))
                        .orElse(null);
        BulkheadPolicy bulkhead =
                guarded.find(Bulkhead.class)
                        .filter(found -> enabled(guarded, found))
                        .map(found -> bulkhead(parameters(guarded, found), found.annotation()))
                        .orElse(null);
        RateLimitPolicy rateLimit =
                SmallRyeApi.PRESENT
                        ? guarded.find(RateLimitReading.annotationType())
                                .filter(found -> enabled(guarded, found))
                                .map(
                                        found ->
                                                RateLimitReading.policy(
                                                        parameters(guarded, found),
                                                        found.annotation()))
                                .orElse(null)
                        : null;
        Optional<FoundAnnotation<Fallback>> fallbackAnnotation =
                guarded.find(Fallback.class).filter(found -> enabled(guarded, found));
        FallbackTarget fallback = null;
        ExceptionPredicate applyOn = null;
        if (fallbackAnnotation.isPresent()) {
            AnnotationParameters parameters = parameters(guarded, fallbackAnnotation.get());
            Fallback annotation = fallbackAnnotation.get().annotation();
            fallback = fallbackTarget(guarded, parameters, annotation);
            applyOn =
                    exceptions(
                            parameters.throwableClasses("applyOn", annotation.applyOn()),
                            parameters.throwableClasses("skipOn", annotation.skipOn()));
        }
        if (errors.size() > errorsBefore) {
            return Optional.empty();
        }
        boolean anyPolicy =
                timeout != null
                        || retry != null
                        || circuitBreaker != null
                        || bulkhead != null
                        || rateLimit != null
                        || fallback != null;
        if (anyPolicy
                && !adapter.adapts(guarded.method())
                && SuspendFunctions.isSuspend(guarded.method())) {
            List<String> names = new ArrayList<>();
            guarded.annotations().keySet().forEach(type -> names.add("@" + type.getSimpleName()));
            names.sort(null);
            errors.add(
                    String.join(", ", names)
                            + " on "
                            + guarded.describe()
                            + ": a Kotlin suspend function is"
                            + " guarded only on Quarkus, with breakwater-quarkus and quarkus-kotlin; allowed here: no fault"
                            + " tolerance annotation on it");
            return Optional.empty();
        }
        Asynchrony.Decision runs =
                asynchrony.decide(guarded, anyPolicy, config.mpCompatibility(), adapter);
        AsyncMode asyncMode = runs.mode();
        MethodDefinition definition =
                new MethodDefinition(
                        guarded,
                        asyncMode,
                        runs.offload(),
                        timeout,
                        retry,
                        retryWhen == null ? null : retryWhen.predicates(),
                        beforeRetry,
                        circuitBreaker,
                        bulkhead,
                        rateLimit,
                        fallback,
                        applyOn);
        return definition.guardsAnything() ? Optional.of(definition) : Optional.empty();
    }

    private boolean enabled(GuardedMethod guarded, FoundAnnotation<?> found) {
        return config.enabled(
                keys(guarded, found), found.annotation().annotationType(), site(guarded, found));
    }

    private ConfigKeys keys(GuardedMethod guarded, FoundAnnotation<?> found) {
        return new ConfigKeys(
                guarded.beanClass(),
                found.declaredOn(),
                guarded.method().getName(),
                found.annotation().annotationType(),
                found.classLevel(),
                config.kebabKeysMayBeSet());
    }

    private AnnotationParameters parameters(GuardedMethod guarded, FoundAnnotation<?> found) {
        return new AnnotationParameters(
                config,
                keys(guarded, found),
                site(guarded, found),
                guarded.beanClass().getClassLoader(),
                errors);
    }

    /** @return how messages name the annotation on the method: {@code @Retry on com.acme.Bean.call()} */
    static String site(GuardedMethod guarded, FoundAnnotation<?> found) {
        return "@"
                + found.annotation().annotationType().getSimpleName()
                + (found.classLevel() ? " (on class " + found.declaredOn().getName() + ")" : "")
                + " on "
                + guarded.describe();
    }

    /** @return the annotation of that type in effect and switched on, or {@code null} (also for a type not present) */
    private FoundAnnotation<?> enabledOrNull(
            GuardedMethod guarded, Class<? extends Annotation> type) {
        FoundAnnotation<?> found = foundOrNull(guarded, type);
        return found != null && enabled(guarded, found) ? found : null;
    }

    /** @return the annotation of that type in effect, or {@code null} (also for a type not on the class path) */
    private static FoundAnnotation<?> foundOrNull(
            GuardedMethod guarded, Class<? extends Annotation> type) {
        return type == null ? null : guarded.annotations().get(type);
    }

    private static TimeoutPolicy timeout(AnnotationParameters parameters, Timeout annotation) {
        long value = parameters.longValue("value", annotation.value());
        var unit = parameters.unitValue("unit", annotation.unit());
        Optional<Long> nanos = parameters.nanos("value", value, "unit", unit);
        if (nanos.isEmpty()) {
            return null;
        }
        return valid(parameters, TimeoutPolicy.violations(nanos.get()))
                ? new TimeoutPolicy(nanos.get())
                : null;
    }

    /**
     * @return the predicate of an annotation's pair of exception lists: in non-compatible mode it also inspects the
     *         cause chain of a failure neither list names
     */
    private ExceptionPredicate exceptions(
            List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude) {
        ExceptionPredicate predicate = ExceptionPredicate.of(include, exclude);
        return config.mpCompatibility() ? predicate : predicate.inspectingCauses();
    }

    /** @return the backoff annotation in effect, read; {@code null} when there is none or it has errors */
    private BackoffReading.Read backoff(GuardedMethod guarded, boolean hasRetry) {
        List<FoundAnnotation<?>> found = new ArrayList<>();
        for (Class<? extends Annotation> type : BackoffReading.ANNOTATIONS) {
            guarded.find(type).filter(each -> enabled(guarded, each)).ifPresent(found::add);
        }
        return BackoffReading.read(
                        found,
                        each -> parameters(guarded, each),
                        guarded.describe(),
                        hasRetry,
                        errors)
                .orElse(null);
    }

    /** @return the {@code @RetryWhen} in effect, read; {@code null} when there is none or it has errors */
    private RetryWhenReading.Read retryWhen(GuardedMethod guarded, boolean hasRetry) {
        return guarded.find(RetryWhenReading.annotationType())
                .filter(found -> enabled(guarded, found))
                .flatMap(
                        found -> RetryWhenReading.read(found, parameters(guarded, found), hasRetry))
                .orElse(null);
    }

    /** @return what the {@code @BeforeRetry} in effect calls; {@code null} when nothing or it has errors */
    private BeforeRetryTarget beforeRetry(GuardedMethod guarded, boolean hasRetry) {
        return guarded.find(BeforeRetryReading.annotationType())
                .filter(found -> enabled(guarded, found))
                .map(
                        found ->
                                BeforeRetryReading.read(
                                        found, guarded, parameters(guarded, found), hasRetry))
                .orElse(null);
    }

    private RetryPolicy retry(
            AnnotationParameters parameters,
            Retry annotation,
            BackoffReading.Read backoff,
            RetryWhenReading.Read retryWhen) {
        int maxRetries = parameters.intValue("maxRetries", annotation.maxRetries());
        long delay = parameters.longValue("delay", annotation.delay());
        var delayUnit = parameters.unitValue("delayUnit", annotation.delayUnit());
        long maxDuration = parameters.longValue("maxDuration", annotation.maxDuration());
        var durationUnit = parameters.unitValue("durationUnit", annotation.durationUnit());
        long jitter = parameters.longValue("jitter", annotation.jitter());
        var jitterUnit = parameters.unitValue("jitterDelayUnit", annotation.jitterDelayUnit());
        List<Class<? extends Throwable>> retryOnClasses =
                parameters.throwableClasses("retryOn", annotation.retryOn());
        List<Class<? extends Throwable>> abortOnClasses =
                parameters.throwableClasses("abortOn", annotation.abortOn());
        ExceptionPredicate retryOn = exceptions(retryOnClasses, abortOnClasses);
        // retryWhen is null without SmallRye's API, so that RetryWhenReading is never loaded then
        if (retryWhen != null
                && retryWhen.predicates().exception() != null
                && (!retryOnClasses.equals(List.of(Exception.class))
                        || !abortOnClasses.isEmpty())) {
            AnnotationParameters retryWhenParameters = retryWhen.parameters();
            retryWhenParameters.reject(
                    retryWhenParameters.describe("exception")
                            + " is set next to the @Retry's "
                            + (abortOnClasses.isEmpty()
                                    ? parameters.describe("retryOn")
                                    : parameters.describe("abortOn"))
                            + "; allowed: either an exception predicate or @Retry's retryOn and abortOn, not both");
            return null;
        }
        Optional<Long> delayNanos = parameters.nanos("delay", delay, "delayUnit", delayUnit);
        Optional<Long> maxDurationNanos =
                parameters.nanos("maxDuration", maxDuration, "durationUnit", durationUnit);
        Optional<Long> jitterNanos =
                parameters.nanos("jitter", jitter, "jitterDelayUnit", jitterUnit);
        if (delayNanos.isEmpty() || maxDurationNanos.isEmpty() || jitterNanos.isEmpty()) {
            return null;
        }
        Backoff growth = backoff == null ? Backoff.CONSTANT : backoff.backoff();
        List<Violation> violations =
                RetryPolicy.violations(
                        maxRetries,
                        delayNanos.get(),
                        maxDurationNanos.get(),
                        jitterNanos.get(),
                        growth);
        for (Violation violation : violations) {
            if (violation.parameter().equals("maxDelay")) {
                AnnotationParameters backoffParameters = backoff.parameters();
                backoffParameters.reject(
                        backoffParameters.describe("maxDelay")
                                + " with "
                                + backoffParameters.describe("maxDelayUnit")
                                + " is not longer than the @Retry's "
                                + parameters.describe("delay")
                                + " with "
                                + parameters.describe("delayUnit")
                                + "; allowed: 0 (no limit) or a maxDelay longer than the delay");
            } else if (violation.parameter().equals("maxDuration") && maxDurationNanos.get() >= 0) {
                parameters.reject(
                        parameters.describe("maxDuration")
                                + " with "
                                + parameters.describe("durationUnit")
                                + " is not longer than "
                                + parameters.describe("delay")
                                + " with "
                                + parameters.describe("delayUnit")
                                + "; allowed: 0 (no limit) or a maxDuration longer than"
                                + " the delay");
            } else {
                parameters.reject(violation);
            }
        }
        return violations.isEmpty()
                ? new RetryPolicy(
                        maxRetries,
                        delayNanos.get(),
                        maxDurationNanos.get(),
                        jitterNanos.get(),
                        retryOn,
                        growth)
                : null;
    }

    private CircuitBreakerPolicy circuitBreaker(
            AnnotationParameters parameters,
            CircuitBreaker annotation,
            AnnotationParameters policyParameters,
            FoundAnnotation<BreakerPolicy> policyAnnotation) {
        ExceptionPredicate failOn =
                exceptions(
                        parameters.throwableClasses("failOn", annotation.failOn()),
                        parameters.throwableClasses("skipOn", annotation.skipOn()));
        long delay = parameters.longValue("delay", annotation.delay());
        var delayUnit = parameters.unitValue("delayUnit", annotation.delayUnit());
        int requestVolumeThreshold =
                parameters.intValue("requestVolumeThreshold", annotation.requestVolumeThreshold());
        double failureRatio = parameters.doubleValue("failureRatio", annotation.failureRatio());
        int successThreshold =
                parameters.intValue("successThreshold", annotation.successThreshold());
        Optional<Long> delayNanos = parameters.nanos("delay", delay, "delayUnit", delayUnit);
        if (delayNanos.isEmpty()) {
            return null;
        }
        boolean valid =
                valid(
                        parameters,
                        CircuitBreakerPolicy.violations(
                                delayNanos.get(),
                                requestVolumeThreshold,
                                failureRatio,
                                successThreshold));
        CircuitBreakerOptions options =
                policyParameters == null
                        ? CircuitBreakerOptions.SPEC
                        : options(
                                policyParameters,
                                policyAnnotation.annotation(),
                                requestVolumeThreshold);
        return valid && options != null
                ? new CircuitBreakerPolicy(
                        delayNanos.get(),
                        requestVolumeThreshold,
                        failureRatio,
                        successThreshold,
                        failOn,
                        options)
                : null;
    }

    /** @return the options of a {@code @BreakerPolicy}; {@code null} after recording its errors */
    private static CircuitBreakerOptions options(
            AnnotationParameters parameters, BreakerPolicy annotation, int requestVolumeThreshold) {
        long window = parameters.longValue("window", annotation.window());
        var windowUnit = parameters.unitValue("windowUnit", annotation.windowUnit());
        int minimumCalls = parameters.intValue("minimumCalls", annotation.minimumCalls());
        long slowCall = parameters.longValue("slowCall", annotation.slowCall());
        var slowCallUnit = parameters.unitValue("slowCallUnit", annotation.slowCallUnit());
        double slowCallRatio = parameters.doubleValue("slowCallRatio", annotation.slowCallRatio());
        long maxHalfOpen = parameters.longValue("maxHalfOpen", annotation.maxHalfOpen());
        var maxHalfOpenUnit = parameters.unitValue("maxHalfOpenUnit", annotation.maxHalfOpenUnit());
        Optional<Long> windowNanos = parameters.nanos("window", window, "windowUnit", windowUnit);
        Optional<Long> slowCallNanos =
                parameters.nanos("slowCall", slowCall, "slowCallUnit", slowCallUnit);
        Optional<Long> maxHalfOpenNanos =
                parameters.nanos("maxHalfOpen", maxHalfOpen, "maxHalfOpenUnit", maxHalfOpenUnit);
        if (windowNanos.isEmpty() || slowCallNanos.isEmpty() || maxHalfOpenNanos.isEmpty()) {
            return null;
        }
        int minimum =
                windowNanos.get() != 0 && minimumCalls == 0 ? requestVolumeThreshold : minimumCalls;
        List<Violation> violations =
                CircuitBreakerOptions.violations(
                        windowNanos.get(),
                        minimum,
                        slowCallNanos.get(),
                        slowCallRatio,
                        maxHalfOpenNanos.get());
        for (Violation violation : violations) {
            String unit =
                    switch (violation.parameter()) {
                        case "window" -> "windowUnit";
                        case "slowCall" -> "slowCallUnit";
                        case "maxHalfOpen" -> "maxHalfOpenUnit";
                        default -> null;
                    };
            if (unit == null) {
                parameters.reject(violation);
            } else {
                parameters.reject(
                        parameters.describe(violation.parameter())
                                + " with "
                                + parameters.describe(unit)
                                + " is invalid; allowed: "
                                + violation.allowed());
            }
        }
        return violations.isEmpty()
                ? new CircuitBreakerOptions(
                        windowNanos.get(),
                        minimum,
                        slowCallNanos.get(),
                        slowCallRatio,
                        maxHalfOpenNanos.get())
                : null;
    }

    private static BulkheadPolicy bulkhead(AnnotationParameters parameters, Bulkhead annotation) {
        int value = parameters.intValue("value", annotation.value());
        int waitingTaskQueue =
                parameters.intValue("waitingTaskQueue", annotation.waitingTaskQueue());
        return valid(parameters, BulkheadPolicy.violations(value, waitingTaskQueue))
                ? new BulkheadPolicy(value, waitingTaskQueue)
                : null;
    }

    @SuppressWarnings("unchecked")
    private FallbackTarget fallbackTarget(
            GuardedMethod guarded, AnnotationParameters parameters, Fallback annotation) {
        Class<?> handler = parameters.classValue("value", annotation.value());
        String methodName = parameters.stringValue("fallbackMethod", annotation.fallbackMethod());
        boolean hasHandler = handler != Fallback.DEFAULT.class;
        boolean hasMethod = !methodName.isEmpty();
        if (hasHandler && hasMethod) {
            parameters.reject(
                    parameters.describe("value")
                            + " and "
                            + parameters.describe("fallbackMethod")
                            + " are both set; allowed: one of them");
            return null;
        }
        if (hasHandler) {
            if (!FallbackHandler.class.isAssignableFrom(handler)) {
                parameters.reject(
                        parameters.describe("value")
                                + " does not implement "
                                + FallbackHandler.class.getName()
                                + "; allowed: a FallbackHandler class");
                return null;
            }
            Type handled = handledType(handler);
            Type returnType = guarded.method().getGenericReturnType();
            if (handled != null && !FallbackMethodResolver.compatibleReturn(handled, returnType)) {
                parameters.reject(
                        parameters.describe("value")
                                + " handles "
                                + handled.getTypeName()
                                + " but the method returns "
                                + returnType.getTypeName()
                                + "; allowed: a FallbackHandler whose type argument is the method's return type");
                return null;
            }
            return new FallbackTarget.Handler((Class<? extends FallbackHandler<?>>) handler);
        }
        if (hasMethod) {
            Optional<Method> method =
                    fallbackMethods.find(guarded.beanClass(), guarded.method(), methodName);
            List<Method> withException =
                    config.mpCompatibility()
                            ? List.of()
                            : FallbackMethodResolver.findWithExceptionParameter(
                                    guarded.beanClass(), guarded.method(), methodName);
            if (!withException.isEmpty()) {
                return new FallbackTarget.BeanMethodsByException(withException, method);
            }
            if (method.isEmpty()) {
                List<String> unusable =
                        FallbackMethodResolver.candidates(guarded.method(), methodName);
                if (SuspendFunctions.isSuspend(guarded.method())) {
                    parameters.reject(
                            parameters.describe("fallbackMethod")
                                    + " names no suspend function that can"
                                    + " serve as the fallback of a Kotlin suspend function"
                                    + (unusable.isEmpty()
                                            ? ""
                                            : " (found but not usable: "
                                                    + String.join(", ", unusable)
                                                    + ")")
                                    + "; allowed: a"
                                    + " suspend function of "
                                    + guarded.method().getDeclaringClass().getName()
                                    + " or its supertypes with the same parameters and result type (compiled: "
                                    + parameterList(guarded.method())
                                    + ", returning java.lang.Object)");
                    return null;
                }
                parameters.reject(
                        parameters.describe("fallbackMethod")
                                + " names no method that can serve as the"
                                + " fallback"
                                + (unusable.isEmpty()
                                        ? ""
                                        : " (found but not usable: "
                                                + String.join(", ", unusable)
                                                + ")")
                                + "; allowed: a method of "
                                + guarded.method().getDeclaringClass().getName()
                                + " or its supertypes (private only in that class, package-private only in its package)"
                                + " with the parameter types "
                                + parameterList(guarded.method())
                                + (config.mpCompatibility()
                                        ? ""
                                        : " (or those and then one exception type)")
                                + " and a return type compatible with "
                                + guarded.method().getGenericReturnType().getTypeName());
                return null;
            }
            return new FallbackTarget.BeanMethod(method.get());
        }
        parameters.reject("neither value nor fallbackMethod is set; allowed: exactly one of them");
        return null;
    }

    private static String parameterList(Method method) {
        StringBuilder text = new StringBuilder("(");
        Type[] types = method.getGenericParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i == 0 ? "" : ", ").append(types[i].getTypeName());
        }
        return text.append(')').toString();
    }

    /** @return {@code T} of the handler's {@code FallbackHandler<T>}, or {@code null} if it is not declared */
    private static Type handledType(Class<?> handler) {
        TypeResolver types = new TypeResolver(handler);
        Type variable = FallbackHandler.class.getTypeParameters()[0];
        Type resolved = types.resolve(variable);
        return resolved == variable ? null : resolved;
    }

    private static boolean valid(AnnotationParameters parameters, List<Violation> violations) {
        violations.forEach(parameters::reject);
        return violations.isEmpty();
    }
}
