package dev.breakwater.cdi;

import dev.breakwater.core.Backoff;
import dev.breakwater.core.BulkheadPolicy;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RateLimitType;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.TimeoutPolicy;
import dev.breakwater.core.Violation;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.temporal.UnsupportedTemporalTypeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the builders of {@code Guard} and {@code TypedGuard} collect, with SmallRye's defaults, and its translation
 * into the engine's policies. The values are checked once, at {@code build()}, against the rules the policies
 * publish; every invalid value and every combination SmallRye rejects is reported together, each named as the
 * builder call that set it.
 */
final class GuardSpec {

    final DefinitionErrors errors = new DefinitionErrors();
    String description;
    boolean offload;
    Executor offloadExecutor;
    Bulkhead bulkhead;
    CircuitBreaker circuitBreaker;
    RateLimit rateLimit;
    Retry retry;
    Timeout timeout;
    Fallback fallback;

    /** Each duration the builder was given, as given, by its builder call ({@code withRetry().delay}). */
    final Map<String, Amount> amounts = new HashMap<>();

    /**
     * For a guard configured by its {@code @Identifier}: per strategy's builder call ({@code withRetry()}), the
     * parameters read from config, which name a value's origin (builder or config key) in errors.
     */
    final Map<String, AnnotationParameters> configuredBy = new HashMap<>();

    /** A duration as written: a value and its unit. */
    record Amount(long value, ChronoUnit unit) {}

    /**
     * @return a spec with the same values whose strategies can be changed without changing this one's, for a
     *         guard configured by its {@code @Identifier}
     */
    GuardSpec copy() {
        GuardSpec copy = new GuardSpec();
        copy.description = description;
        copy.offload = offload;
        copy.offloadExecutor = offloadExecutor;
        copy.bulkhead = bulkhead == null ? null : bulkhead.clone();
        copy.circuitBreaker = circuitBreaker == null ? null : circuitBreaker.clone();
        copy.rateLimit = rateLimit == null ? null : rateLimit.clone();
        copy.retry = retry == null ? null : retry.clone();
        copy.timeout = timeout == null ? null : timeout.clone();
        copy.fallback = fallback;
        copy.amounts.putAll(amounts);
        return copy;
    }

    /** @return the name exception messages give the guarded operations */
    String name() {
        return description == null ? "Guard" : "Guard '" + description + "'";
    }

    /**
     * @param option the builder call, as messages name it ({@code withRetry().delay})
     * @return the duration in nanoseconds; an unusable one is recorded as an error and read as 0
     */
    long nanos(String option, long value, ChronoUnit unit) {
        amounts.put(option, new Amount(value, unit));
        if (unit == null) {
            errors.add(
                    name()
                            + ": "
                            + written(option, value, null)
                            + " is invalid; allowed: a ChronoUnit");
            return 0;
        }
        try {
            return Duration.of(value, unit).toNanos();
        } catch (ArithmeticException | UnsupportedTemporalTypeException e) {
            errors.add(
                    name()
                            + ": "
                            + written(option, value, unit)
                            + " is invalid; allowed: a duration of at"
                            + " most "
                            + Long.MAX_VALUE
                            + " ns in a unit of exact length (NANOS to DAYS)");
            return 0;
        }
    }

    /** @return a duration option as the builder call that set it, {@code delay(5, SECONDS)} */
    static String written(String option, long value, ChronoUnit unit) {
        return option + "(" + value + ", " + (unit == null ? "null" : unit.name()) + ")";
    }

    /** Reports each violation of a policy's rules as the builder call that set the value. */
    void report(String builder, List<Violation> violations, Map<String, String> options) {
        AnnotationParameters configured = configuredBy.get(builder);
        for (Violation violation : violations) {
            if (configured != null) {
                configured.reject(violation);
                continue;
            }
            String written = options.getOrDefault(violation.parameter(), violation.parameter());
            errors.add(
                    name()
                            + ": "
                            + builder
                            + "."
                            + written
                            + " is invalid; allowed: "
                            + violation.allowed());
        }
    }

    /** The bulkhead of {@code withBulkhead()}. */
    static final class Bulkhead implements Cloneable {

        @Override
        protected Bulkhead clone() {
            try {
                return (Bulkhead) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        int limit = 10;
        int queueSize = 10;

        /** Whether synchronous calls wait in the queue (on virtual threads, as SmallRye asks) or are refused. */
        boolean synchronousQueueing;

        Runnable onAccepted;
        Runnable onRejected;
        Runnable onFinished;

        BulkheadPolicy policy(GuardSpec spec) {
            List<Violation> violations = BulkheadPolicy.violations(limit, queueSize);
            spec.report(
                    "withBulkhead()",
                    violations,
                    Map.of(
                            "value",
                            "limit(" + limit + ")",
                            "waitingTaskQueue",
                            "queueSize(" + queueSize + ")"));
            return violations.isEmpty() ? new BulkheadPolicy(limit, queueSize) : null;
        }
    }

    /** The circuit breaker of {@code withCircuitBreaker()}. */
    static final class CircuitBreaker implements Cloneable {

        @Override
        protected CircuitBreaker clone() {
            try {
                return (CircuitBreaker) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /** {@code null} until the builder sets it, so that {@code when} can tell it was not named. */
        List<Class<? extends Throwable>> failOn;

        List<Class<? extends Throwable>> skipOn;
        Predicate<Throwable> when;
        long delayNanos = Duration.ofSeconds(5).toNanos();
        String delayWritten = "delay(5, SECONDS)";
        int requestVolumeThreshold = 20;
        double failureRatio = 0.5;
        int successThreshold = 1;
        String name;
        Consumer<CircuitBreakerState> onStateChange;
        Runnable onSuccess;
        Runnable onFailure;
        Runnable onPrevented;

        CircuitBreakerPolicy policy(GuardSpec spec) {
            List<Violation> violations =
                    CircuitBreakerPolicy.violations(
                            delayNanos, requestVolumeThreshold, failureRatio, successThreshold);
            spec.report(
                    "withCircuitBreaker()",
                    violations,
                    Map.of(
                            "delay",
                            delayWritten,
                            "requestVolumeThreshold",
                            "requestVolumeThreshold(" + requestVolumeThreshold + ")",
                            "failureRatio",
                            "failureRatio(" + failureRatio + ")",
                            "successThreshold",
                            "successThreshold(" + successThreshold + ")"));
            Predicate<Throwable> failures =
                    failures(
                            spec,
                            "withCircuitBreaker()",
                            "when(Predicate)",
                            "failOn",
                            "skipOn",
                            when,
                            failOn,
                            skipOn,
                            Throwable.class);
            return violations.isEmpty()
                    ? new CircuitBreakerPolicy(
                            delayNanos,
                            requestVolumeThreshold,
                            failureRatio,
                            successThreshold,
                            failures)
                    : null;
        }
    }

    /** The rate limit of {@code withRateLimit()}. */
    static final class RateLimit implements Cloneable {

        @Override
        protected RateLimit clone() {
            try {
                return (RateLimit) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        int limit = 100;
        long windowNanos = Duration.ofSeconds(1).toNanos();
        String windowWritten = "window(1, SECONDS)";
        long minSpacingNanos;
        String minSpacingWritten = "minSpacing(0, MILLIS)";
        RateLimitType type = RateLimitType.FIXED;
        Runnable onPermitted;
        Runnable onRejected;

        RateLimitPolicy policy(GuardSpec spec) {
            List<Violation> violations =
                    RateLimitPolicy.violations(limit, windowNanos, minSpacingNanos, type);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("value", "limit(" + limit + ")");
            options.put("window", windowWritten);
            options.put("minSpacing", minSpacingWritten);
            options.put("type", "type(" + type + ")");
            spec.report("withRateLimit()", violations, options);
            return violations.isEmpty()
                    ? new RateLimitPolicy(limit, windowNanos, minSpacingNanos, type)
                    : null;
        }
    }

    /** The retry of {@code withRetry()}. */
    static final class Retry implements Cloneable {

        @Override
        protected Retry clone() {
            try {
                return (Retry) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        int maxRetries = 3;
        long delayNanos;
        String delayWritten = "delay(0, MILLIS)";
        long maxDurationNanos = Duration.ofMinutes(3).toNanos();
        String maxDurationWritten = "maxDuration(3, MINUTES)";
        long jitterNanos = Duration.ofMillis(200).toNanos();
        String jitterWritten = "jitter(200, MILLIS)";

        /** {@code null} until the builder sets it, so that {@code whenException} can tell it was not named. */
        List<Class<? extends Throwable>> retryOn;

        List<Class<? extends Throwable>> abortOn;
        Predicate<Throwable> whenException;
        Predicate<Object> whenResult;
        Consumer<Throwable> beforeRetry;

        /** Which backoff was chosen: null (constant), "exponential", "Fibonacci" or "custom". */
        String backoff;

        int factor = 2;
        long maxDelayNanos = Duration.ofMinutes(1).toNanos();
        String maxDelayWritten = "maxDelay(1, MINUTES)";
        Supplier<CustomBackoffStrategy> strategy;
        Runnable onRetry;
        Runnable onSuccess;
        Runnable onFailure;

        /** Chooses a backoff; choosing a second one is an error, as two backoff annotations are. */
        void chooseBackoff(GuardSpec spec, String kind) {
            if (backoff != null && !backoff.equals(kind)) {
                spec.errors.add(
                        spec.name()
                                + ": withRetry() has both a "
                                + backoff
                                + " and a "
                                + kind
                                + " backoff; allowed: one backoff");
            }
            backoff = kind;
        }

        RetryPolicy policy(GuardSpec spec) {
            Backoff chosen = backoff(spec);
            if (chosen == null) {
                return null;
            }
            List<Violation> violations =
                    RetryPolicy.violations(
                            maxRetries, delayNanos, maxDurationNanos, jitterNanos, chosen);
            String backoffBuilder =
                    "exponential".equals(backoff)
                            ? "withExponentialBackoff()."
                            : "withFibonacciBackoff().";
            spec.report(
                    "withRetry()",
                    violations,
                    Map.of(
                            "maxRetries",
                            "maxRetries(" + maxRetries + ")",
                            "delay",
                            delayWritten,
                            "maxDuration",
                            maxDurationWritten,
                            "jitter",
                            jitterWritten,
                            "maxDelay",
                            backoffBuilder + maxDelayWritten + " (with " + delayWritten + ")"));
            Predicate<Throwable> failures =
                    failures(
                            spec,
                            "withRetry()",
                            "whenException(Predicate)",
                            "retryOn",
                            "abortOn",
                            whenException,
                            retryOn,
                            abortOn,
                            Exception.class);
            return violations.isEmpty()
                    ? new RetryPolicy(
                            maxRetries,
                            delayNanos,
                            maxDurationNanos,
                            jitterNanos,
                            failures,
                            chosen,
                            whenResult)
                    : null;
        }

        private Backoff backoff(GuardSpec spec) {
            if (backoff == null) {
                return Backoff.CONSTANT;
            }
            switch (backoff) {
                case "exponential":
                    {
                        List<Violation> violations =
                                Backoff.Exponential.violations(factor, maxDelayNanos);
                        spec.report(
                                "withRetry().withExponentialBackoff()",
                                violations,
                                Map.of(
                                        "factor",
                                        "factor(" + factor + ")",
                                        "maxDelay",
                                        maxDelayWritten));
                        return violations.isEmpty()
                                ? new Backoff.Exponential(factor, maxDelayNanos)
                                : null;
                    }
                case "Fibonacci":
                    {
                        List<Violation> violations = Backoff.Fibonacci.violations(maxDelayNanos);
                        spec.report(
                                "withRetry().withFibonacciBackoff()",
                                violations,
                                Map.of("maxDelay", maxDelayWritten));
                        return violations.isEmpty() ? new Backoff.Fibonacci(maxDelayNanos) : null;
                    }
                default:
                    {
                        if (strategy == null) {
                            spec.errors.add(
                                    spec.name()
                                            + ": withRetry().withCustomBackoff() has no strategy(...);"
                                            + " allowed: a supplier of CustomBackoffStrategy");
                            return null;
                        }
                        Supplier<CustomBackoffStrategy> strategies = strategy;
                        return new Backoff.Custom(
                                () -> new BackoffReading.Strategy(strategies.get()));
                    }
            }
        }
    }

    /** The timeout of {@code withTimeout()}. */
    static final class Timeout implements Cloneable {

        @Override
        protected Timeout clone() {
            try {
                return (Timeout) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        long durationNanos = Duration.ofSeconds(1).toNanos();
        String durationWritten = "duration(1, SECONDS)";
        Runnable onTimeout;
        Runnable onFinished;

        TimeoutPolicy policy(GuardSpec spec) {
            List<Violation> violations = TimeoutPolicy.violations(durationNanos);
            spec.report("withTimeout()", violations, Map.of("value", durationWritten));
            return violations.isEmpty() ? new TimeoutPolicy(durationNanos) : null;
        }
    }

    /** The fallback of {@code TypedGuard}'s {@code withFallback()}. */
    static final class Fallback {
        Function<Throwable, ?> handler;

        /** {@code null} until the builder sets it, so that {@code when} can tell it was not named. */
        List<Class<? extends Throwable>> applyOn;

        List<Class<? extends Throwable>> skipOn;
        Predicate<Throwable> when;

        Predicate<Throwable> applyOn(GuardSpec spec) {
            if (handler == null) {
                spec.errors.add(
                        spec.name()
                                + ": withFallback() has no handler(...); allowed: a Supplier or a"
                                + " Function<Throwable, T> of the fallback value");
            }
            return failures(
                    spec,
                    "withFallback()",
                    "when(Predicate)",
                    "applyOn",
                    "skipOn",
                    when,
                    applyOn,
                    skipOn,
                    Throwable.class);
        }
    }

    /**
     * Which failures a strategy acts on: the builder's {@code when} predicate, taken as it is (SmallRye gives it the
     * failure and does not walk its causes), or else the exception types, inspecting causes as SmallRye does. The
     * predicate decides alone, so naming the types beside it is an error, as in SmallRye.
     *
     * @param builder the strategy's builder call, as messages name it ({@code withRetry()})
     * @param whenOption the builder option of the predicate ({@code whenException(Predicate)})
     * @param includeOption the builder option of the types that match ({@code retryOn})
     * @param excludeOption the builder option of the types that never match ({@code abortOn})
     * @param when the predicate, or {@code null}
     * @param include the types that match, or {@code null} when not set
     * @param exclude the types that never match, or {@code null} when not set
     * @param includeDefault what {@code include} means when not set
     */
    private static Predicate<Throwable> failures(
            GuardSpec spec,
            String builder,
            String whenOption,
            String includeOption,
            String excludeOption,
            Predicate<Throwable> when,
            List<Class<? extends Throwable>> include,
            List<Class<? extends Throwable>> exclude,
            Class<? extends Throwable> includeDefault) {
        if (when == null) {
            return ExceptionPredicate.of(
                            include == null ? List.of(includeDefault) : include,
                            exclude == null ? List.of() : exclude)
                    .inspectingCauses();
        }
        for (String named : namedOptions(include, includeOption, exclude, excludeOption)) {
            spec.errors.add(
                    spec.name()
                            + ": "
                            + builder
                            + " has both "
                            + whenOption
                            + " and "
                            + named
                            + "; allowed: one of them (the predicate alone decides which failures count)");
        }
        return when;
    }

    private static List<String> namedOptions(
            List<Class<? extends Throwable>> include,
            String includeOption,
            List<Class<? extends Throwable>> exclude,
            String excludeOption) {
        List<String> named = new ArrayList<>();
        if (include != null) {
            named.add(includeOption + "(" + simpleNames(include) + ")");
        }
        if (exclude != null) {
            named.add(excludeOption + "(" + simpleNames(exclude) + ")");
        }
        return named;
    }

    private static String simpleNames(List<Class<? extends Throwable>> types) {
        return String.join(
                ", ", types.stream().map(type -> type.getSimpleName() + ".class").toList());
    }

    /** @return the exception types given to a builder, checked for null */
    static List<Class<? extends Throwable>> types(
            String option, Collection<Class<? extends Throwable>> types) {
        Objects.requireNonNull(types, option);
        for (Class<? extends Throwable> type : types) {
            Objects.requireNonNull(type, option + " element");
        }
        return List.copyOf(types);
    }
}
