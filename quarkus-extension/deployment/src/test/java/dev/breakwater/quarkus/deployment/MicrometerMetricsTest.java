package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With quarkus-micrometer, the spec's metrics are recorded into the application's meter registry. */
class MicrometerMetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Counted.class))
                    .overrideConfigKey("quarkus.micrometer.export.json.enabled", "true");

    @Inject Counted counted;

    @Inject MeterRegistry registry;

    @Test
    void countsInvocationsAndRetries() {
        assertThat(counted.succeedsOnSecondAttempt()).isEqualTo("ok");

        // The spec names methods by canonical class name.
        String method = Counted.class.getCanonicalName() + ".succeedsOnSecondAttempt";
        assertThat(
                        registry.get("ft.invocations.total")
                                .tag("method", method)
                                .tag("result", "valueReturned")
                                .tag("fallback", "notDefined")
                                .counter()
                                .count())
                .isEqualTo(1.0);
        assertThat(registry.get("ft.retry.retries.total").tag("method", method).counter().count())
                .isEqualTo(1.0);
        assertThat(
                        registry.get("ft.retry.calls.total")
                                .tag("method", method)
                                .tag("retried", "true")
                                .tag("retryResult", "valueReturned")
                                .counter()
                                .count())
                .isEqualTo(1.0);
    }

    @ApplicationScoped
    static class Counted {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 3)
        String succeedsOnSecondAttempt() {
            if (attempts.incrementAndGet() < 2) {
                throw new IllegalStateException("first attempt fails");
            }
            return "ok";
        }
    }
}
