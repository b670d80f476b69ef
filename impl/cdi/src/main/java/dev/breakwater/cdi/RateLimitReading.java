package dev.breakwater.cdi;

import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.RateLimitType;
import io.smallrye.faulttolerance.api.RateLimit;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;

/** Reads SmallRye's {@code @RateLimit}; used only when its API is present. */
final class RateLimitReading {

    /** The annotations of SmallRye's API that bind Breakwater's interceptor. */
    static final List<Class<? extends Annotation>> BINDINGS = List.of(RateLimit.class);

    private RateLimitReading() {}

    /** @return the annotation type, for looking it up on a guarded method */
    static Class<RateLimit> annotationType() {
        return RateLimit.class;
    }

    /** @return the validated policy, or {@code null} after recording the errors */
    static RateLimitPolicy policy(AnnotationParameters parameters, Annotation found) {
        RateLimit annotation = (RateLimit) found;
        int value = parameters.intValue("value", annotation.value());
        long window = parameters.longValue("window", annotation.window());
        var windowUnit = parameters.unitValue("windowUnit", annotation.windowUnit());
        long minSpacing = parameters.longValue("minSpacing", annotation.minSpacing());
        var minSpacingUnit = parameters.unitValue("minSpacingUnit", annotation.minSpacingUnit());
        RateLimitType type =
                parameters.enumValue(
                        "type",
                        RateLimitType.valueOf(annotation.type().name()),
                        RateLimitType.class);
        Optional<Long> windowNanos = parameters.nanos("window", window, "windowUnit", windowUnit);
        Optional<Long> minSpacingNanos =
                parameters.nanos("minSpacing", minSpacing, "minSpacingUnit", minSpacingUnit);
        if (windowNanos.isEmpty() || minSpacingNanos.isEmpty()) {
            return null;
        }
        var violations =
                RateLimitPolicy.violations(value, windowNanos.get(), minSpacingNanos.get(), type);
        violations.forEach(parameters::reject);
        return violations.isEmpty()
                ? new RateLimitPolicy(value, windowNanos.get(), minSpacingNanos.get(), type)
                : null;
    }
}
