package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import java.lang.reflect.Method;

/**
 * Reads SmallRye's {@code @CircuitBreakerName} (not configurable, as in SmallRye); used only when its API is present.
 */
final class CircuitBreakerNameReading {

    private CircuitBreakerNameReading() {}

    /** @return the name the method declares with {@code @CircuitBreakerName}, or {@code null} */
    static String value(Method method) {
        CircuitBreakerName name = method.getAnnotation(CircuitBreakerName.class);
        return name == null ? null : name.value();
    }
}
