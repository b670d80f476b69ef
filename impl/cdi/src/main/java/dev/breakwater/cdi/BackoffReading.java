package dev.breakwater.cdi;

import dev.breakwater.core.Backoff;
import dev.breakwater.core.BackoffStrategy;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SmallRye's backoff annotations, which change how the pause before each retry of a {@code @Retry} grows;
 * used only when its API is present.
 */
final class BackoffReading {

    /** The backoff annotations, in the order messages name them. */
    static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(ExponentialBackoff.class, FibonacciBackoff.class, CustomBackoff.class);

    private static final long NANOS_PER_MILLI = 1_000_000;

    private BackoffReading() {}

    /**
     * The backoff and the parameters it was read with, so that a rule of the retry that involves the backoff's
     * maximum ({@code maxDelay} longer than the delay) is reported against the backoff's own parameter.
     */
    record Read(Backoff backoff, AnnotationParameters parameters) {}

    /**
     * @param found the backoff annotations in effect on the method, enabled ones only
     * @param parameters how to read each annotation's parameters
     * @param site how messages name the method
     * @param hasRetry whether an enabled {@code @Retry} is in effect
     * @return the backoff to apply; empty when there is none or after recording an error
     */
    static Optional<Read> read(
            List<FoundAnnotation<?>> found,
            Function<FoundAnnotation<?>, AnnotationParameters> parameters,
            String site,
            boolean hasRetry,
            DefinitionErrors errors) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.size() > 1) {
            StringBuilder names = new StringBuilder();
            for (FoundAnnotation<?> each : found) {
                names.append(names.length() == 0 ? "" : " and ")
                        .append('@')
                        .append(each.annotation().annotationType().getSimpleName());
            }
            errors.add(
                    names
                            + " on "
                            + site
                            + ": more than one backoff; allowed: at most one of @ExponentialBackoff,"
                            + " @FibonacciBackoff and @CustomBackoff on a method");
            return Optional.empty();
        }
        FoundAnnotation<?> backoff = found.get(0);
        AnnotationParameters reading = parameters.apply(backoff);
        if (!hasRetry) {
            reading.reject(
                    "the method has no @Retry; allowed: a backoff annotation only where @Retry applies");
            return Optional.empty();
        }
        Annotation annotation = backoff.annotation();
        Backoff read;
        if (annotation instanceof ExponentialBackoff exponential) {
            read = exponential(reading, exponential);
        } else if (annotation instanceof FibonacciBackoff fibonacci) {
            read = fibonacci(reading, fibonacci);
        } else {
            read = custom(reading, (CustomBackoff) annotation);
        }
        return read == null ? Optional.empty() : Optional.of(new Read(read, reading));
    }

    private static Backoff exponential(
            AnnotationParameters parameters, ExponentialBackoff annotation) {
        int factor = parameters.intValue("factor", annotation.factor());
        long maxDelay = parameters.longValue("maxDelay", annotation.maxDelay());
        var maxDelayUnit = parameters.unitValue("maxDelayUnit", annotation.maxDelayUnit());
        Optional<Long> maxDelayNanos =
                parameters.nanos("maxDelay", maxDelay, "maxDelayUnit", maxDelayUnit);
        if (maxDelayNanos.isEmpty()) {
            return null;
        }
        var violations = Backoff.Exponential.violations(factor, maxDelayNanos.get());
        violations.forEach(parameters::reject);
        return violations.isEmpty() ? new Backoff.Exponential(factor, maxDelayNanos.get()) : null;
    }

    private static Backoff fibonacci(AnnotationParameters parameters, FibonacciBackoff annotation) {
        long maxDelay = parameters.longValue("maxDelay", annotation.maxDelay());
        var maxDelayUnit = parameters.unitValue("maxDelayUnit", annotation.maxDelayUnit());
        Optional<Long> maxDelayNanos =
                parameters.nanos("maxDelay", maxDelay, "maxDelayUnit", maxDelayUnit);
        if (maxDelayNanos.isEmpty()) {
            return null;
        }
        var violations = Backoff.Fibonacci.violations(maxDelayNanos.get());
        violations.forEach(parameters::reject);
        return violations.isEmpty() ? new Backoff.Fibonacci(maxDelayNanos.get()) : null;
    }

    private static Backoff custom(AnnotationParameters parameters, CustomBackoff annotation) {
        Class<?> type = parameters.classValue("value", annotation.value());
        if (!CustomBackoffStrategy.class.isAssignableFrom(type)
                || type.isInterface()
                || Modifier.isAbstract(type.getModifiers())) {
            parameters.reject(
                    parameters.describe("value")
                            + " is not a class implementing "
                            + CustomBackoffStrategy.class.getName()
                            + "; allowed: a concrete CustomBackoffStrategy class"
                            + " with a public constructor without parameters");
            return null;
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            parameters.reject(
                    parameters.describe("value")
                            + " has no public constructor without parameters;"
                            + " allowed: a concrete CustomBackoffStrategy class with a public constructor without parameters");
            return null;
        }
        return new Backoff.Custom(
                () -> new Strategy((CustomBackoffStrategy) instantiate(constructor)));
    }

    /** A new strategy for each call that retries, as SmallRye creates one per call. */
    private static Object instantiate(Constructor<?> constructor) {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "the constructor of " + constructor.getDeclaringClass().getName() + " failed",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot create " + constructor.getDeclaringClass().getName(), e);
        }
    }

    /** SmallRye's strategy speaks milliseconds; the engine's speaks nanoseconds (also for {@code Guard}s). */
    record Strategy(CustomBackoffStrategy strategy) implements BackoffStrategy {

        @Override
        public void init(long initialDelayNanos) {
            strategy.init(initialDelayNanos / NANOS_PER_MILLI);
        }

        @Override
        public long nextDelayNanos(Throwable failure) {
            long millis = strategy.nextDelayInMillis(failure);
            return millis >= Long.MAX_VALUE / NANOS_PER_MILLI
                    ? Long.MAX_VALUE
                    : millis * NANOS_PER_MILLI;
        }
    }
}
