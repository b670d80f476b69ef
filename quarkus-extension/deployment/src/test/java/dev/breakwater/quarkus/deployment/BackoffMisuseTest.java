package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A backoff without {@code @Retry}, and two backoffs on one method, fail the build, both reported at once. */
class BackoffMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Misused.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains("2 fault tolerance definition errors")
                                        .contains(
                                                "@ExponentialBackoff on "
                                                        + Misused.class.getName()
                                                        + ".alone(): the method has no"
                                                        + " @Retry; allowed: a backoff annotation only where @Retry applies")
                                        .contains(
                                                "@ExponentialBackoff and @FibonacciBackoff on "
                                                        + Misused.class.getName()
                                                        + ".both(): more than one backoff; allowed: at most one of @ExponentialBackoff,"
                                                        + " @FibonacciBackoff and @CustomBackoff on a method");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class Misused {
        @ExponentialBackoff
        void alone() {}

        @Retry
        @ExponentialBackoff
        @FibonacciBackoff
        void both() {}
    }
}
