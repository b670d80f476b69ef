package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @CircuitBreaker} opens after the failure ratio is reached and then fails fast without calling. */
class CircuitBreakerTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Remote.class));

    @Inject Remote remote;

    @Test
    void opensAfterTheWindowFailsAndThenFailsFast() {
        assertThatThrownBy(remote::call).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(remote::call).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(remote::call).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(remote.calls()).isEqualTo(2);
    }

    @ApplicationScoped
    static class Remote {
        private final AtomicInteger calls = new AtomicInteger();

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        void call() {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }

        int calls() {
            return calls.get();
        }
    }
}
