package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import java.lang.annotation.Annotation;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongConsumer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The config of a {@code Guard} or {@code TypedGuard} bean by its {@code @Identifier}, read as SmallRye Fault
 * Tolerance reads it: each member of each strategy the builder chose, from
 * {@code quarkus.fault-tolerance."<identifier>".<strategy>.<member>}, {@code smallrye.faulttolerance."<identifier>"...},
 * {@code <identifier>/<Annotation>/<member>}, then the global keys; a strategy is switched off by its
 * {@code enabled} key (the identifier's, then the global one). Config changes only the values of strategies the
 * builder chose, never adds one, and never touches callbacks, predicates or the fallback.
 *
 * <p>Every value is checked by the rules of the annotation's, and an error names the identifier, the strategy, the
 * member, the value and its origin (the config key, or the builder) and what is allowed.
 */
final class GuardIdentifierConfig {

    /** The strategies config keys may name for a guard. */
    static final List<Class<? extends Annotation>> STRATEGIES =
            List.of(
                    Bulkhead.class,
                    CircuitBreaker.class,
                    RateLimit.class,
                    Retry.class,
                    Timeout.class,
                    ExponentialBackoff.class,
                    FibonacciBackoff.class);

    private final FaultToleranceConfig config;
    private final String identifier;
    private final GuardSpec spec;
    private boolean changed;

    private GuardIdentifierConfig(Config config, String identifier, GuardSpec spec) {
        this.config = new FaultToleranceConfig(config, spec.errors, true);
        this.identifier = identifier;
        this.spec = spec;
    }

    /**
     * @param built what the guard's builder collected (not changed)
     * @return a copy of {@code built} with the identifier's config applied (its errors recorded in the copy), or
     *         {@code null} when no key configures the identifier
     */
    static GuardSpec configure(Config config, String identifier, GuardSpec built) {
        GuardIdentifierConfig reading = new GuardIdentifierConfig(config, identifier, built.copy());
        reading.apply();
        return reading.changed ? reading.spec : null;
    }

    private void apply() {
        if (spec.bulkhead != null && enabled(Bulkhead.class)) {
            GuardSpec.Bulkhead b = spec.bulkhead;
            AnnotationParameters p = parameters(Bulkhead.class, "withBulkhead()");
            b.limit = p.intValue("value", b.limit);
            b.queueSize = p.intValue("waitingTaskQueue", b.queueSize);
            noteChanges(p, "value", "waitingTaskQueue");
        } else {
            spec.bulkhead = null;
        }
        if (spec.circuitBreaker != null && enabled(CircuitBreaker.class)) {
            GuardSpec.CircuitBreaker c = spec.circuitBreaker;
            AnnotationParameters p = parameters(CircuitBreaker.class, "withCircuitBreaker()");
            duration(
                    p,
                    "withCircuitBreaker().delay",
                    5,
                    ChronoUnit.SECONDS,
                    "delay",
                    "delayUnit",
                    nanos -> c.delayNanos = nanos);
            c.requestVolumeThreshold =
                    p.intValue("requestVolumeThreshold", c.requestVolumeThreshold);
            c.failureRatio = p.doubleValue("failureRatio", c.failureRatio);
            c.successThreshold = p.intValue("successThreshold", c.successThreshold);
            c.failOn = types(p, "failOn", c.failOn, Throwable.class);
            c.skipOn = types(p, "skipOn", c.skipOn, null);
            noteChanges(p, "requestVolumeThreshold", "failureRatio", "successThreshold");
        } else {
            spec.circuitBreaker = null;
        }
        if (spec.rateLimit != null && enabled(RateLimit.class)) {
            GuardSpec.RateLimit l = spec.rateLimit;
            AnnotationParameters p = parameters(RateLimit.class, "withRateLimit()");
            l.limit = p.intValue("value", l.limit);
            duration(
                    p,
                    "withRateLimit().window",
                    1,
                    ChronoUnit.SECONDS,
                    "window",
                    "windowUnit",
                    nanos -> l.windowNanos = nanos);
            duration(
                    p,
                    "withRateLimit().minSpacing",
                    0,
                    ChronoUnit.MILLIS,
                    "minSpacing",
                    "minSpacingUnit",
                    nanos -> l.minSpacingNanos = nanos);
            io.smallrye.faulttolerance.api.RateLimitType type =
                    p.enumValue(
                            "type",
                            l.type == null
                                    ? null
                                    : io.smallrye.faulttolerance.api.RateLimitType.valueOf(
                                            l.type.name()),
                            io.smallrye.faulttolerance.api.RateLimitType.class);
            l.type = type == null ? null : dev.breakwater.core.RateLimitType.valueOf(type.name());
            noteChanges(p, "value", "type");
        } else {
            spec.rateLimit = null;
        }
        if (spec.retry != null && enabled(Retry.class)) {
            GuardSpec.Retry r = spec.retry;
            AnnotationParameters p = parameters(Retry.class, "withRetry()");
            r.maxRetries = p.intValue("maxRetries", r.maxRetries);
            duration(
                    p,
                    "withRetry().delay",
                    0,
                    ChronoUnit.MILLIS,
                    "delay",
                    "delayUnit",
                    nanos -> r.delayNanos = nanos);
            duration(
                    p,
                    "withRetry().maxDuration",
                    3,
                    ChronoUnit.MINUTES,
                    "maxDuration",
                    "durationUnit",
                    nanos -> r.maxDurationNanos = nanos);
            duration(
                    p,
                    "withRetry().jitter",
                    200,
                    ChronoUnit.MILLIS,
                    "jitter",
                    "jitterDelayUnit",
                    nanos -> r.jitterNanos = nanos);
            r.retryOn = types(p, "retryOn", r.retryOn, Exception.class);
            r.abortOn = types(p, "abortOn", r.abortOn, null);
            noteChanges(p, "maxRetries");
            backoff(r);
        } else {
            spec.retry = null;
        }
        if (spec.timeout != null && enabled(Timeout.class)) {
            GuardSpec.Timeout t = spec.timeout;
            AnnotationParameters p = parameters(Timeout.class, "withTimeout()");
            duration(
                    p,
                    "withTimeout().duration",
                    1,
                    ChronoUnit.SECONDS,
                    "value",
                    "unit",
                    nanos -> t.durationNanos = nanos);
        } else {
            spec.timeout = null;
        }
    }

    private void backoff(GuardSpec.Retry r) {
        if ("exponential".equals(r.backoff) && enabled(ExponentialBackoff.class)) {
            AnnotationParameters p =
                    parameters(ExponentialBackoff.class, "withRetry().withExponentialBackoff()");
            r.factor = p.intValue("factor", r.factor);
            duration(
                    p,
                    "withRetry().withExponentialBackoff().maxDelay",
                    1,
                    ChronoUnit.MINUTES,
                    "maxDelay",
                    "maxDelayUnit",
                    nanos -> r.maxDelayNanos = nanos);
            noteChanges(p, "factor");
        } else if ("Fibonacci".equals(r.backoff) && enabled(FibonacciBackoff.class)) {
            AnnotationParameters p =
                    parameters(FibonacciBackoff.class, "withRetry().withFibonacciBackoff()");
            duration(
                    p,
                    "withRetry().withFibonacciBackoff().maxDelay",
                    1,
                    ChronoUnit.MINUTES,
                    "maxDelay",
                    "maxDelayUnit",
                    nanos -> r.maxDelayNanos = nanos);
        } else if ("exponential".equals(r.backoff) || "Fibonacci".equals(r.backoff)) {
            r.backoff = null; // switched off by its enabled key: the retry keeps a constant delay
            changed = true;
        }
    }

    /** @return whether the strategy stays on; an {@code enabled} key that switches it off counts as a change */
    private boolean enabled(Class<? extends Annotation> strategy) {
        ConfigKeys keys = ConfigKeys.ofIdentifier(identifier, strategy, config.kebabKeysMayBeSet());
        boolean enabled = config.enabled(keys, strategy, site(strategy));
        if (!enabled) {
            changed = true;
        }
        return enabled;
    }

    private AnnotationParameters parameters(Class<? extends Annotation> strategy, String builder) {
        ConfigKeys keys = ConfigKeys.ofIdentifier(identifier, strategy, config.kebabKeysMayBeSet());
        AnnotationParameters parameters =
                new AnnotationParameters(
                        config,
                        keys,
                        site(strategy),
                        Thread.currentThread().getContextClassLoader(),
                        spec.errors,
                        "builder");
        spec.configuredBy.put(builder, parameters);
        return parameters;
    }

    private String site(Class<? extends Annotation> strategy) {
        return "@"
                + strategy.getSimpleName()
                + " of the guard with @Identifier(\""
                + identifier
                + "\")";
    }

    /**
     * Reads a duration's value and unit members, starting from the builder's (or SmallRye's default when the
     * builder left it), and sets it when a key changed either.
     */
    private void duration(
            AnnotationParameters p,
            String option,
            long defaultValue,
            ChronoUnit defaultUnit,
            String valueMember,
            String unitMember,
            LongConsumer setter) {
        GuardSpec.Amount built =
                spec.amounts.getOrDefault(option, new GuardSpec.Amount(defaultValue, defaultUnit));
        long value = p.longValue(valueMember, built.value());
        ChronoUnit unit = p.unitValue(unitMember, built.unit());
        if (p.fromConfig(valueMember) || p.fromConfig(unitMember)) {
            changed = true;
            p.nanos(valueMember, value, unitMember, unit).ifPresent(setter::accept);
        }
    }

    /** @return the exception types a key sets, or {@code current} (null when the builder named none) */
    private List<Class<? extends Throwable>> types(
            AnnotationParameters p,
            String member,
            List<Class<? extends Throwable>> current,
            Class<? extends Throwable> unnamed) {
        @SuppressWarnings("unchecked")
        Class<? extends Throwable>[] start =
                (current != null
                                ? current
                                : unnamed == null
                                        ? List.<Class<? extends Throwable>>of()
                                        : List.<Class<? extends Throwable>>of(unnamed))
                        .toArray(new Class[0]);
        List<Class<? extends Throwable>> read = p.throwableClasses(member, start);
        if (!p.fromConfig(member)) {
            return current;
        }
        changed = true;
        return List.copyOf(read);
    }

    private void noteChanges(AnnotationParameters p, String... members) {
        for (String member : members) {
            if (p.fromConfig(member)) {
                changed = true;
            }
        }
    }
}
