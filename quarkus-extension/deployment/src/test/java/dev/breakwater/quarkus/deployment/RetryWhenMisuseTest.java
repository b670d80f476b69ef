package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each misuse of {@code @RetryWhen} and {@code @BeforeRetry} that SmallRye rejects fails the build, all reported
 * at once: either without {@code @Retry}, an exception predicate next to {@code retryOn}, a handler and a method
 * both named, a method that does not exist.
 */
class RetryWhenMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            Misused.class, IsIllegalState.class, Handler.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                String bean = Misused.class.getName();
                                assertThat(message)
                                        .contains("5 fault tolerance definition errors")
                                        .contains(
                                                "@RetryWhen on "
                                                        + bean
                                                        + ".noRetry(): the method has no @Retry; allowed: @RetryWhen"
                                                        + " only where @Retry applies")
                                        .contains(
                                                "@BeforeRetry on "
                                                        + bean
                                                        + ".beforeWithoutRetry(): the method has no @Retry;"
                                                        + " allowed: @BeforeRetry only where @Retry applies")
                                        .contains(
                                                "@RetryWhen on "
                                                        + bean
                                                        + ".withRetryOn(): exception = "
                                                        + IsIllegalState.class.getName()
                                                        + " (annotation) is set next to the @Retry's retryOn ="
                                                        + " {java.io.IOException} (annotation); allowed: either an exception predicate or"
                                                        + " @Retry's retryOn and abortOn, not both")
                                        .contains(
                                                "@BeforeRetry on "
                                                        + bean
                                                        + ".both(): value = "
                                                        + Handler.class.getName()
                                                        + " (annotation) and methodName = reset (annotation) are both set; allowed: one of"
                                                        + " them")
                                        .contains(
                                                "@BeforeRetry on "
                                                        + bean
                                                        + ".missing(): methodName = gone (annotation) names no"
                                                        + " method that can run before a retry");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    public static final class IsIllegalState implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            return failure instanceof IllegalStateException;
        }
    }

    public static class Handler implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {}
    }

    @ApplicationScoped
    static class Misused {
        @RetryWhen(exception = IsIllegalState.class)
        void noRetry() {}

        @BeforeRetry(methodName = "reset")
        void beforeWithoutRetry() {}

        @Retry(retryOn = IOException.class)
        @RetryWhen(exception = IsIllegalState.class)
        void withRetryOn() {}

        @Retry
        @BeforeRetry(value = Handler.class, methodName = "reset")
        void both() {}

        @Retry
        @BeforeRetry(methodName = "gone")
        void missing() {}

        void reset() {}
    }
}
