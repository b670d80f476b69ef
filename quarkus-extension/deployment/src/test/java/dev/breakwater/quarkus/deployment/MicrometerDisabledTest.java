package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics backend is chosen by what the application's extensions offer, not by what is on the class path: with
 * {@code quarkus.micrometer.enabled=false}, {@code quarkus-micrometer} supports no Micrometer metrics, so a
 * {@code MeterRegistry} the application makes itself gets none of the spec's metrics.
 */
class MicrometerDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            MicrometerMetricsTest.class,
                                            MicrometerMetricsTest.Counted.class,
                                            OwnRegistry.class))
                    .overrideConfigKey("quarkus.micrometer.enabled", "false");

    @Inject MicrometerMetricsTest.Counted counted;

    @Inject MeterRegistry registry;

    @Test
    void aGuardedCallRecordsNothingIntoTheApplicationsOwnRegistry() {
        assertThat(counted.succeedsOnSecondAttempt()).isEqualTo("ok");

        assertThat(registry.getMeters()).isEmpty();
    }

    static class OwnRegistry {
        @Produces
        @Singleton
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }
}
