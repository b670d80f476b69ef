package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Retry} and {@code @Fallback} (method and handler) on Quarkus. */
class RetryAndFallbackTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Flaky.class, Handler.class));

    @Inject Flaky flaky;

    @Test
    void retriesUntilTheCallSucceeds() {
        assertThat(flaky.succeedsOnThirdAttempt()).isEqualTo("ok after 3");
    }

    @Test
    void givesUpAfterMaxRetries() {
        assertThatThrownBy(flaky::alwaysFails).isInstanceOf(IllegalStateException.class);
        assertThat(flaky.alwaysFailsAttempts()).isEqualTo(3);
    }

    @Test
    void fallbackMethodReplacesTheFailure() {
        assertThat(flaky.withFallback("x")).isEqualTo("fallback for x");
    }

    @Test
    void fallbackHandlerReplacesTheFailure() {
        assertThat(flaky.withHandler()).isEqualTo("handled IllegalStateException");
    }

    @ApplicationScoped
    static class Flaky {
        final AtomicInteger thirdAttempts = new AtomicInteger();
        final AtomicInteger alwaysFailsAttempts = new AtomicInteger();

        @Retry(maxRetries = 5)
        String succeedsOnThirdAttempt() {
            int attempt = thirdAttempts.incrementAndGet();
            if (attempt < 3) {
                throw new IllegalStateException("attempt " + attempt);
            }
            return "ok after " + attempt;
        }

        @Retry(maxRetries = 2)
        void alwaysFails() {
            alwaysFailsAttempts.incrementAndGet();
            throw new IllegalStateException("always");
        }

        int alwaysFailsAttempts() {
            return alwaysFailsAttempts.get();
        }

        @Fallback(fallbackMethod = "fallback")
        String withFallback(String argument) {
            throw new IllegalStateException("no");
        }

        String fallback(String argument) {
            return "fallback for " + argument;
        }

        @Fallback(Handler.class)
        String withHandler() {
            throw new IllegalStateException("no");
        }
    }

    /** Not a bean by itself: the extension makes fallback handlers beans. */
    static class Handler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "handled " + context.getFailure().getClass().getSimpleName();
        }
    }
}
