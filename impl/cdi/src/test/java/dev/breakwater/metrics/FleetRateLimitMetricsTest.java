package dev.breakwater.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.core.FleetMember;
import dev.breakwater.core.RateLimiter;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A rate limit in fleet mode is metered with what this replica holds of the fleet's limit:
 * {@code ft.ratelimit.fleet.local} (1 while it goes on alone), {@code ft.ratelimit.fleet.instances},
 * {@code ft.ratelimit.fleet.leased} and {@code ft.ratelimit.fleet.windowLeased}, tagged {@code method} like its other rate limit metrics; a local rate limit has
 * none. The store is an {@link InMemoryFleetBackend}.
 */
@org.junit.jupiter.api.Timeout(60)
class FleetRateLimitMetricsTest {

    private static final String FLEET = "com.acme.Api.call";
    private static final String LOCAL = "com.acme.Api.local";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String method) {
        return registry.get(name).tag("method", method).gauge().value();
    }

    @Test
    void aFleetRateLimitsGaugesShowWhetherItGoesOnAloneAndTheInstancesCounted() {
        InMemoryFleetBackend store = new InMemoryFleetBackend();
        try (FleetMember member =
                FleetMember.builder(store)
                        .instance("metered")
                        .flushInterval(Duration.ofMillis(10))
                        .start()) {
            MetricSink sink = new MicrometerSink(registry);
            SpecMetrics.registerRateLimitGauges(
                    sink, FLEET, RateLimiter.builder().fleet("api", member).build());
            SpecMetrics.registerRateLimitGauges(sink, LOCAL, RateLimiter.builder().build());
            long seen = member.exchanges();
            while (member.exchanges() < seen + 2) {
                Thread.onSpinWait(); // counting the member's exchanges, not timing them
            }

            assertThat(gauge("ft.ratelimit.fleet.local", FLEET)).isZero();
            assertThat(gauge("ft.ratelimit.fleet.instances", FLEET)).isEqualTo(1);
            assertThat(registry.find("ft.ratelimit.fleet.leased").tag("method", FLEET).gauge())
                    .isNotNull();
            assertThat(gauge("ft.ratelimit.fleet.windowLeased", FLEET))
                    .as("no call asked for a token")
                    .isZero();
            assertThat(registry.find("ft.ratelimit.fleet.local").tag("method", LOCAL).gauge())
                    .as("a local rate limit")
                    .isNull();

            store.available(false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (member.fallbacks() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // counting the member's failed exchanges, not timing them
            }
            assertThat(member.fallbacks()).isEqualTo(1);
            assertThat(gauge("ft.ratelimit.fleet.local", FLEET)).as("gone on alone").isEqualTo(1);
        }
    }
}
