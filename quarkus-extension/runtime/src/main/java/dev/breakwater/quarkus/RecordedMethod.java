package dev.breakwater.quarkus;

import java.util.List;

/**
 * One guarded method as the build recorded it: names only, and the annotations in effect.
 *
 * @param beanClass the bean class
 * @param method the guarded method
 * @param annotations the annotations in effect
 * @param fallbackMethod the fallback method the build resolved, or {@code null}
 * @param breakerName the method's {@code @BreakerName} value, or {@code null}: recorded so that the start does not
 *                    read annotations reflectively, which parses every annotation of the method into a JDK proxy
 * @param circuitBreakerName the method's SmallRye {@code @CircuitBreakerName} value, or {@code null}; recorded alike
 */
public record RecordedMethod(
        String beanClass,
        MethodReference method,
        List<RecordedAnnotation> annotations,
        MethodReference fallbackMethod,
        String breakerName,
        String circuitBreakerName) {}
