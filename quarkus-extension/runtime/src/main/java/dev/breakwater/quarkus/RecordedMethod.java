package dev.breakwater.quarkus;

import java.lang.annotation.Annotation;

/**
 * One guarded method as the build recorded it: names only, and the annotations in effect as recorded annotation
 * literals. The arrays {@code annotations}, {@code classLevel} and {@code declaredOn} run in parallel.
 *
 * @param beanClass the bean class
 * @param declaringClass the class declaring the method
 * @param methodName the method's name
 * @param parameterTypes its parameter types ({@link Class#getName()})
 * @param annotations the annotations in effect
 * @param classLevel whether each came from the class rather than the method
 * @param declaredOn the class carrying each
 * @param fallbackDeclaringClass the class declaring the fallback method, or {@code null}
 * @param fallbackMethodName the fallback method's name, or {@code null}
 * @param fallbackParameterTypes its parameter types, or {@code null}
 * @param breakerName the method's {@code @BreakerName} value, or {@code null}: recorded so that the start does not
 *                    read annotations reflectively, which parses every annotation of the method into a JDK proxy
 * @param circuitBreakerName the method's SmallRye {@code @CircuitBreakerName} value, or {@code null}; recorded alike
 */
record RecordedMethod(String beanClass, String declaringClass, String methodName, String[] parameterTypes,
                      Annotation[] annotations, boolean[] classLevel, String[] declaredOn,
                      String fallbackDeclaringClass, String fallbackMethodName, String[] fallbackParameterTypes,
                      String breakerName, String circuitBreakerName) {
}
