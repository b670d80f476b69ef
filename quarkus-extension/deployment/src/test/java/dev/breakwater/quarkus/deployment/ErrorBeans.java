package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
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
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** Beans with every annotation on methods and on a class, for tests whose config makes the build fail. */
final class ErrorBeans {

    private ErrorBeans() {}

    /** @return the message of the {@code FaultToleranceDefinitionException} the build failed with */
    static String definitionError(Throwable failure) {
        Throwable error = failure;
        while (error != null && !(error instanceof FaultToleranceDefinitionException)) {
            error = error.getCause();
        }
        assertThat(error)
                .as("the build fails with a FaultToleranceDefinitionException, not: " + failure)
                .isNotNull();
        return error.getMessage();
    }

    @ApplicationScoped
    static class OnMethods {
        @Timeout
        String timeout() {
            return "timeout";
        }

        @Retry
        String retry() {
            return "retry";
        }

        @CircuitBreaker
        String breaker() {
            return "breaker";
        }

        @Bulkhead
        String bulkhead() {
            return "bulkhead";
        }

        @Fallback(fallbackMethod = "fallback")
        String fallsBack() {
            return "fallsBack";
        }

        @Fallback(Handler.class)
        String handled() {
            return "handled";
        }

        @Asynchronous
        CompletionStage<String> async() {
            return CompletableFuture.completedFuture("async");
        }

        String fallback() {
            return "fallback";
        }
    }

    @ApplicationScoped
    static class OnMethodsToo {
        @Timeout
        String timeout() {
            return "timeout";
        }

        @Retry
        String retry() {
            return "retry";
        }

        @CircuitBreaker
        String breaker() {
            return "breaker";
        }

        @Bulkhead
        String bulkhead() {
            return "bulkhead";
        }

        @Fallback(fallbackMethod = "fallback")
        String fallsBack() {
            return "fallsBack";
        }

        @Fallback(Handler.class)
        String handled() {
            return "handled";
        }

        @Asynchronous
        CompletionStage<String> async() {
            return CompletableFuture.completedFuture("async");
        }

        String fallback() {
            return "fallback";
        }
    }

    @ApplicationScoped
    @Timeout
    @Retry
    @CircuitBreaker
    @Bulkhead
    static class OnClass {
        String call() {
            return "call";
        }
    }

    @ApplicationScoped
    @Timeout
    @Retry
    @CircuitBreaker
    @Bulkhead
    static class OnClassToo {
        String call() {
            return "call";
        }
    }

    public static class Handler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "handler";
        }
    }
}
