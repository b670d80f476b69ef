package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code @Timeout} interrupts a synchronous call that runs too long and fails it with the spec's exception. */
class TimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest().withApplicationRoot(archive -> archive.addClasses(Slow.class));

    @Inject Slow slow;

    @Test
    void aCallThatNeverEndsIsInterruptedAndFails() throws InterruptedException {
        assertThatThrownBy(slow::waitForever).isInstanceOf(TimeoutException.class);
        assertThat(slow.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aQuickCallReturnsItsResult() {
        assertThat(slow.quick()).isEqualTo("quick");
    }

    @Singleton // no client proxy: the test reads the bean's latches directly
    static class Slow {
        final CountDownLatch interrupted = new CountDownLatch(1);
        private final CountDownLatch never = new CountDownLatch(1);

        @Timeout(100)
        void waitForever() throws InterruptedException {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }

        @Timeout(10_000)
        String quick() {
            return "quick";
        }
    }
}
