package dev.breakwater.quarkus.deployment;

import dev.breakwater.cdi.GuardedMethod;
import io.quarkus.builder.item.SimpleBuildItem;
import java.lang.reflect.Method;
import java.util.List;

/**
 * The guarded methods of the application, validated, with what they reach reflectively resolved for them: fallback
 * and before-retry methods, retry predicate classes.
 */
final class GuardedMethodsBuildItem extends SimpleBuildItem {

    /**
     * @param scanned the method as the index shows it
     * @param guarded the method as it will run, with its {@code @BreakerName} and SmallRye
     *                {@code @CircuitBreakerName} values
     * @param fallbackMethod the method its {@code @Fallback} calls, or {@code null}
     * @param beforeRetryMethod the method its {@code @BeforeRetry} calls, or {@code null}
     * @param retryPredicates the predicate classes of its {@code @RetryWhen}, created through their constructors
     */
    record Validated(
            ScannedMethod scanned,
            GuardedMethod guarded,
            Method fallbackMethod,
            Method beforeRetryMethod,
            List<Class<?>> retryPredicates) {}

    private final List<Validated> methods;

    GuardedMethodsBuildItem(List<Validated> methods) {
        this.methods = List.copyOf(methods);
    }

    List<Validated> methods() {
        return methods;
    }
}
