package dev.breakwater.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Beans with each annotation on a method and on a class ({@code @Fallback} only on a method, where its target
 * allows it), all members at their defaults but one, for tests that
 * read the effective values of a deployment: {@link #definition} returns what the extension resolved.
 */
final class ConfiguredBeans {

    static final Class<?>[] ALL = {
        MethodLevel.class,
        ClassTimeout.class,
        ClassRetry.class,
        ClassBreaker.class,
        ClassBulkhead.class,
        FirstHandler.class,
        SecondHandler.class
    };

    /** Beans with one {@code @Fallback} each, for a global key that sets {@code value} or {@code fallbackMethod}. */
    static final Class<?>[] HANDLED_ONLY = {
        HandledOnly.class, FirstHandler.class, SecondHandler.class
    };

    static final Class<?>[] FALLBACK_METHOD_ONLY = {FallbackMethodOnly.class};

    private ConfiguredBeans() {}

    /** @return the definition the deployment resolved for {@code beanClass.method()} */
    static MethodDefinition definition(WeldContainer container, Class<?> beanClass, String method) {
        List<MethodDefinition> definitions =
                container.select(FaultToleranceExtension.class).get().definitions();
        return definitions.stream()
                .filter(
                        definition ->
                                definition.guarded().beanClass() == beanClass
                                        && definition.guarded().method().getName().equals(method))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no definition for " + beanClass.getName() + "." + method));
    }

    @ApplicationScoped
    public static class MethodLevel {
        @Timeout(100)
        public String timeout() {
            return "timeout";
        }

        @Retry(maxRetries = 1)
        public String retry() {
            return "retry";
        }

        @CircuitBreaker(requestVolumeThreshold = 4)
        public String breaker() {
            return "breaker";
        }

        @Bulkhead(2)
        public String bulkhead() {
            return "bulkhead";
        }

        @Fallback(fallbackMethod = "fallback")
        public String fallback() {
            return "fallback";
        }

        @Fallback(FirstHandler.class)
        public String handled() {
            return "handled";
        }

        @Asynchronous
        public CompletionStage<String> async() {
            return CompletableFuture.completedFuture("async");
        }

        public String other() {
            return "other";
        }
    }

    @ApplicationScoped
    @Timeout(100)
    public static class ClassTimeout {
        public String call() {
            return "call";
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 1)
    public static class ClassRetry {
        public String call() {
            return "call";
        }
    }

    @ApplicationScoped
    @CircuitBreaker(requestVolumeThreshold = 4)
    public static class ClassBreaker {
        public String call() {
            return "call";
        }
    }

    @ApplicationScoped
    @Bulkhead(2)
    public static class ClassBulkhead {
        public String call() {
            return "call";
        }
    }

    @ApplicationScoped
    public static class HandledOnly {
        @Fallback(FirstHandler.class)
        public String handled() {
            return "handled";
        }
    }

    @ApplicationScoped
    public static class FallbackMethodOnly {
        @Fallback(fallbackMethod = "fallback")
        public String call() {
            return "call";
        }

        public String fallback() {
            return "fallback";
        }

        public String other() {
            return "other";
        }
    }

    public static class FirstHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "first";
        }
    }

    public static class SecondHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "second";
        }
    }
}
