package dev.breakwater.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.Deployments;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry as MicroProfile Telemetry offers it: an {@code OpenTelemetry} bean, switched on by
 * {@code otel.sdk.disabled=false}. The metrics are read back from the SDK the way an exporter would.
 */
@org.junit.jupiter.api.Timeout(60)
class OpenTelemetryMetricsTest {

    private static final String METHOD = Guarded.class.getCanonicalName() + ".everything";
    private static final AttributeKey<String> METHOD_KEY = AttributeKey.stringKey("method");

    private CollectingReader reader;
    private SdkMeterProvider meterProvider;

    @BeforeEach
    void sdk() {
        reader = new CollectingReader();
        meterProvider = SdkMeterProvider.builder().registerMetricReader(reader).build();
        Telemetry.produced.set(0);
        Telemetry.meterProvider = meterProvider;
    }

    @AfterEach
    void shutdown() {
        meterProvider.close();
    }

    @Test
    void withTheSdkSwitchedOnEveryMetricHasTheTelemetryTypeAndUnit() throws Exception {
        try (WeldContainer container =
                Deployments.start(
                        Map.of("otel.sdk.disabled", "false"), Guarded.class, Telemetry.class)) {
            Guarded guarded = container.select(Guarded.class).get();
            assertThat(guarded.everything().toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEqualTo("ok");

            Map<String, MetricData> metrics = ours();
            assertThat(metrics.keySet())
                    .containsExactlyInAnyOrder(
                            "ft.invocations.total",
                            "ft.retry.calls.total",
                            "ft.retry.retries.total",
                            "ft.timeout.calls.total",
                            "ft.timeout.executionDuration",
                            "ft.circuitbreaker.calls.total",
                            "ft.circuitbreaker.state.total",
                            "ft.circuitbreaker.state.current",
                            "ft.circuitbreaker.opened.total",
                            "ft.bulkhead.calls.total",
                            "ft.bulkhead.executionsRunning",
                            "ft.bulkhead.executionsWaiting",
                            "ft.bulkhead.runningDuration",
                            "ft.bulkhead.waitingDuration");
            for (String counter :
                    List.of(
                            "ft.invocations.total",
                            "ft.retry.calls.total",
                            "ft.retry.retries.total",
                            "ft.timeout.calls.total",
                            "ft.circuitbreaker.calls.total",
                            "ft.circuitbreaker.opened.total",
                            "ft.bulkhead.calls.total")) {
                assertSum(metrics.get(counter), true, "");
            }
            assertSum(metrics.get("ft.circuitbreaker.state.total"), true, "nanoseconds");
            assertSum(metrics.get("ft.bulkhead.executionsRunning"), false, "");
            assertSum(metrics.get("ft.circuitbreaker.state.current"), false, "");
            assertSum(metrics.get("ft.bulkhead.executionsWaiting"), false, "");
            for (String histogram :
                    List.of(
                            "ft.timeout.executionDuration",
                            "ft.bulkhead.runningDuration",
                            "ft.bulkhead.waitingDuration")) {
                MetricData data = metrics.get(histogram);
                assertThat(data.getType()).isEqualTo(MetricDataType.HISTOGRAM);
                assertThat(data.getUnit()).isEqualTo("seconds");
                HistogramPointData point = data.getHistogramData().getPoints().iterator().next();
                assertThat(point.getBoundaries()).isEqualTo(OpenTelemetrySink.SECONDS_BOUNDARIES);
                assertThat(point.getCount()).isEqualTo(1);
                assertThat(point.getAttributes().get(METHOD_KEY)).isEqualTo(METHOD);
            }
            assertThat(
                            value(
                                    metrics.get("ft.invocations.total"),
                                    "result",
                                    "valueReturned",
                                    "fallback",
                                    "notApplied"))
                    .contains(1L);
            assertThat(
                            value(
                                    metrics.get("ft.invocations.total"),
                                    "result",
                                    "valueReturned",
                                    "fallback",
                                    "applied"))
                    .contains(0L);
            assertThat(
                            value(
                                    metrics.get("ft.retry.calls.total"),
                                    "retried",
                                    "false",
                                    "retryResult",
                                    "valueReturned"))
                    .contains(1L);
            assertThat(value(metrics.get("ft.bulkhead.calls.total"), "bulkheadResult", "accepted"))
                    .contains(1L);
            assertThat(
                            value(metrics.get("ft.circuitbreaker.state.total"), "state", "closed")
                                    .orElseThrow())
                    .isPositive();
            assertThat(value(metrics.get("ft.circuitbreaker.state.current"), "state", "closed"))
                    .contains(1L);
            assertThat(value(metrics.get("ft.circuitbreaker.state.current"), "state", "open"))
                    .contains(0L);
            assertThat(metrics.get("ft.invocations.total").getInstrumentationScopeInfo().getName())
                    .isEqualTo(OpenTelemetrySink.INSTRUMENTATION_SCOPE);
        }

        assertThat(ours().keySet())
                .as("only the synchronous histograms outlive the deployment")
                .containsExactlyInAnyOrder(
                        "ft.timeout.executionDuration",
                        "ft.bulkhead.runningDuration",
                        "ft.bulkhead.waitingDuration");
    }

    @Test
    void anOpenTelemetryBeanAloneDoesNotSwitchMetricsOn() throws Exception {
        try (WeldContainer container =
                Deployments.start(Map.of(), Guarded.class, Telemetry.class)) {
            Guarded guarded = container.select(Guarded.class).get();
            assertThat(guarded.everything().toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEqualTo("ok");

            assertThat(ours()).isEmpty();
            assertThat(Telemetry.produced).hasValue(0);
        }
    }

    private static void assertSum(MetricData data, boolean monotonic, String unit) {
        assertThat(data.getType()).as(data.getName()).isEqualTo(MetricDataType.LONG_SUM);
        assertThat(data.getLongSumData().isMonotonic()).as(data.getName()).isEqualTo(monotonic);
        assertThat(data.getLongSumData().getAggregationTemporality())
                .isEqualTo(AggregationTemporality.CUMULATIVE);
        assertThat(data.getUnit()).as(data.getName()).isEqualTo(unit);
        assertThat(data.getLongSumData().getPoints())
                .allSatisfy(
                        point ->
                                assertThat(point.getAttributes().get(METHOD_KEY))
                                        .isEqualTo(METHOD));
    }

    private static Optional<Long> value(MetricData data, String... attributes) {
        return data.getLongSumData().getPoints().stream()
                .filter(
                        point -> {
                            for (int i = 0; i < attributes.length; i += 2) {
                                if (!attributes[i + 1].equals(
                                        point.getAttributes()
                                                .get(AttributeKey.stringKey(attributes[i])))) {
                                    return false;
                                }
                            }
                            return true;
                        })
                .map(LongPointData::getValue)
                .reduce(
                        (a, b) -> {
                            throw new AssertionError("more than one point matches");
                        });
    }

    private Map<String, MetricData> ours() {
        return reader.collect().stream()
                .filter(
                        data ->
                                data.getInstrumentationScopeInfo()
                                        .getName()
                                        .equals(OpenTelemetrySink.INSTRUMENTATION_SCOPE))
                .filter(data -> !data.isEmpty())
                .collect(Collectors.toMap(MetricData::getName, data -> data));
    }

    /** Pulls metrics on demand, as the TCK's reader does. */
    static final class CollectingReader implements MetricReader {

        private volatile CollectionRegistration registration;

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        Collection<MetricData> collect() {
            return registration.collectAllMetrics();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    /** Offers an {@code OpenTelemetry} bean, as MicroProfile Telemetry does. */
    @Singleton
    static class Telemetry {

        static final AtomicInteger produced = new AtomicInteger();
        static volatile MeterProvider meterProvider;

        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            produced.incrementAndGet();
            MeterProvider meters = meterProvider;
            return new OpenTelemetry() {
                @Override
                public TracerProvider getTracerProvider() {
                    return TracerProvider.noop();
                }

                @Override
                public MeterProvider getMeterProvider() {
                    return meters;
                }

                @Override
                public ContextPropagators getPropagators() {
                    return ContextPropagators.noop();
                }
            };
        }
    }

    @ApplicationScoped
    public static class Guarded {

        @Asynchronous
        @Retry(maxRetries = 2)
        @Timeout(10_000)
        @CircuitBreaker(requestVolumeThreshold = 10)
        @Bulkhead(value = 2, waitingTaskQueue = 2)
        @Fallback(fallbackMethod = "fallback")
        public CompletionStage<String> everything() {
            return CompletableFuture.completedFuture("ok");
        }

        CompletionStage<String> fallback() {
            return CompletableFuture.completedFuture("fallback");
        }
    }
}
