package dev.breakwater.metrics;

import static dev.breakwater.metrics.MetricsDeployments.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.cdi.Deployments;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The spec's metrics tables, one annotation at a time, read back from a Micrometer {@link SimpleMeterRegistry}
 * that the container offers as a bean: every metric the spec lists for the method and no other, with its tags, and
 * the values a known sequence of calls must leave.
 */
@org.junit.jupiter.api.Timeout(60)
class MicrometerMetricsTest {

    private static final String GUARDED = Guarded.class.getCanonicalName() + ".";

    private WeldContainer container;
    private Guarded guarded;
    private MeterRegistry registry;

    @BeforeEach
    void start() {
        Registry.current = new SimpleMeterRegistry();
        registry = Registry.current;
        container = Deployments.start(Map.of(), Guarded.class, Registry.class);
        guarded = container.select(Guarded.class).get();
    }

    @AfterEach
    void stop() {
        if (container.isRunning()) {
            container.close();
        }
    }

    @Test
    void retryHasTheInvocationAndRetryMetrics() {
        guarded.retry(0);
        guarded.retry(2);
        assertThatThrownBy(() -> guarded.retry(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(guarded::notRetryable).isInstanceOf(IllegalArgumentException.class);

        Set<String> expected =
                new TreeSet<>(
                        Set.of(
                                "ft.invocations.total{fallback=notDefined, result=valueReturned}",
                                "ft.invocations.total{fallback=notDefined, result=exceptionThrown}",
                                "ft.retry.retries.total{}"));
        for (String retried : new String[] {"true", "false"}) {
            for (String result :
                    new String[] {
                        "valueReturned",
                        "exceptionNotRetryable",
                        "maxRetriesReached",
                        "maxDurationReached"
                    }) {
                expected.add(
                        "ft.retry.calls.total{retried="
                                + retried
                                + ", retryResult="
                                + result
                                + "}");
            }
        }
        assertThat(metricsOf("retry")).isEqualTo(expected);

        assertThat(
                        count(
                                "retry",
                                "ft.invocations.total",
                                "result",
                                "valueReturned",
                                "fallback",
                                "notDefined"))
                .isEqualTo(2);
        assertThat(
                        count(
                                "retry",
                                "ft.invocations.total",
                                "result",
                                "exceptionThrown",
                                "fallback",
                                "notDefined"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "retry",
                                "ft.retry.calls.total",
                                "retried",
                                "false",
                                "retryResult",
                                "valueReturned"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "retry",
                                "ft.retry.calls.total",
                                "retried",
                                "true",
                                "retryResult",
                                "valueReturned"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "retry",
                                "ft.retry.calls.total",
                                "retried",
                                "true",
                                "retryResult",
                                "maxRetriesReached"))
                .isEqualTo(1);
        assertThat(count("retry", "ft.retry.retries.total")).isEqualTo(2 + 3);
        assertThat(
                        count(
                                "notRetryable",
                                "ft.retry.calls.total",
                                "retried",
                                "false",
                                "retryResult",
                                "exceptionNotRetryable"))
                .isEqualTo(1);
        assertThat(count("notRetryable", "ft.retry.retries.total")).isZero();
    }

    @Test
    void timeoutHasCallsAndAnExecutionDurationTimer() throws InterruptedException {
        guarded.timeout(false);
        assertThatThrownBy(() -> guarded.timeout(true)).isInstanceOf(TimeoutException.class);

        assertThat(metricsOf("timeout"))
                .containsExactlyInAnyOrder(
                        "ft.invocations.total{fallback=notDefined, result=valueReturned}",
                        "ft.invocations.total{fallback=notDefined, result=exceptionThrown}",
                        "ft.timeout.calls.total{timedOut=true}",
                        "ft.timeout.calls.total{timedOut=false}",
                        "ft.timeout.executionDuration{}");
        assertThat(count("timeout", "ft.timeout.calls.total", "timedOut", "false")).isEqualTo(1);
        assertThat(count("timeout", "ft.timeout.calls.total", "timedOut", "true")).isEqualTo(1);
        Timer duration = meter("timeout", "ft.timeout.executionDuration", Timer.class);
        assertThat(duration.count()).isEqualTo(2);
        assertThat(duration.max(TimeUnit.MILLISECONDS))
                .isGreaterThanOrEqualTo(Guarded.TIMEOUT_MILLIS);
    }

    @Test
    void circuitBreakerHasCallsStateTimesAndOpenings() {
        guarded.breaker(false);
        assertThatThrownBy(() -> guarded.breaker(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> guarded.breaker(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> guarded.breaker(false))
                .isInstanceOf(CircuitBreakerOpenException.class);

        assertThat(metricsOf("breaker"))
                .containsExactlyInAnyOrder(
                        "ft.invocations.total{fallback=notDefined, result=valueReturned}",
                        "ft.invocations.total{fallback=notDefined, result=exceptionThrown}",
                        "ft.circuitbreaker.calls.total{circuitBreakerResult=success}",
                        "ft.circuitbreaker.calls.total{circuitBreakerResult=failure}",
                        "ft.circuitbreaker.calls.total{circuitBreakerResult=circuitBreakerOpen}",
                        "ft.circuitbreaker.state.total{state=closed}",
                        "ft.circuitbreaker.state.total{state=open}",
                        "ft.circuitbreaker.state.total{state=halfOpen}",
                        "ft.circuitbreaker.state.current{state=closed}",
                        "ft.circuitbreaker.state.current{state=open}",
                        "ft.circuitbreaker.state.current{state=halfOpen}",
                        "ft.circuitbreaker.opened.total{}");
        assertThat(
                        count(
                                "breaker",
                                "ft.circuitbreaker.calls.total",
                                "circuitBreakerResult",
                                "success"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "breaker",
                                "ft.circuitbreaker.calls.total",
                                "circuitBreakerResult",
                                "failure"))
                .isEqualTo(2);
        assertThat(
                        count(
                                "breaker",
                                "ft.circuitbreaker.calls.total",
                                "circuitBreakerResult",
                                "circuitBreakerOpen"))
                .isEqualTo(1);
        assertThat(count("breaker", "ft.circuitbreaker.opened.total")).isEqualTo(1);
        assertThat(
                        count(
                                "breaker",
                                "ft.invocations.total",
                                "result",
                                "exceptionThrown",
                                "fallback",
                                "notDefined"))
                .isEqualTo(3);

        FunctionCounter closed =
                meter(
                        "breaker",
                        "ft.circuitbreaker.state.total",
                        FunctionCounter.class,
                        "state",
                        "closed");
        FunctionCounter open =
                meter(
                        "breaker",
                        "ft.circuitbreaker.state.total",
                        FunctionCounter.class,
                        "state",
                        "open");
        FunctionCounter halfOpen =
                meter(
                        "breaker",
                        "ft.circuitbreaker.state.total",
                        FunctionCounter.class,
                        "state",
                        "halfOpen");
        assertThat(closed.getId().getBaseUnit()).isEqualTo("nanoseconds");
        assertThat(
                        meter(
                                        "breaker",
                                        "ft.circuitbreaker.state.current",
                                        Gauge.class,
                                        "state",
                                        "open")
                                .value())
                .as("the state the breaker is in")
                .isEqualTo(1);
        assertThat(
                        meter(
                                        "breaker",
                                        "ft.circuitbreaker.state.current",
                                        Gauge.class,
                                        "state",
                                        "closed")
                                .value())
                .isZero();
        assertThat(
                        meter(
                                        "breaker",
                                        "ft.circuitbreaker.state.current",
                                        Gauge.class,
                                        "state",
                                        "halfOpen")
                                .value())
                .isZero();
        assertThat(closed.count()).isPositive();
        double openSoFar = open.count();
        assertThat(openSoFar).isPositive();
        await("time passes in the open state", () -> open.count() > openSoFar);
        assertThat(halfOpen.count()).isZero();
    }

    @Test
    void timeHeldOpenCountsAsOpenAndHoldingAClosedBreakerOpenCountsAsAnOpening() {
        guarded.breaker(false);
        CircuitBreakers breakers = container.select(CircuitBreakers.class).get();
        FunctionCounter open =
                meter(
                        "breaker",
                        "ft.circuitbreaker.state.total",
                        FunctionCounter.class,
                        "state",
                        "open");
        FunctionCounter closed =
                meter(
                        "breaker",
                        "ft.circuitbreaker.state.total",
                        FunctionCounter.class,
                        "state",
                        "closed");

        breakers.holdOpen(breakers.list().get(0).name());
        double closedWhenHeld = closed.count();

        await("time passes held open, shown as open", () -> open.count() > 0);
        assertThat(closed.count()).as("no longer closed").isEqualTo(closedWhenHeld);
        assertThat(count("breaker", "ft.circuitbreaker.opened.total")).isEqualTo(1);
    }

    @Test
    void bulkheadHasCallsRunningExecutionsAndRunningDuration() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> holder =
                CompletableFuture.supplyAsync(() -> guarded.bulkhead(release));
        Gauge running = meter("bulkhead", "ft.bulkhead.executionsRunning", Gauge.class);
        await("the first call runs", () -> running.value() == 1);
        assertThatThrownBy(() -> guarded.bulkhead(release)).isInstanceOf(BulkheadException.class);
        release.countDown();
        assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("done");

        assertThat(metricsOf("bulkhead"))
                .containsExactlyInAnyOrder(
                        "ft.invocations.total{fallback=notDefined, result=valueReturned}",
                        "ft.invocations.total{fallback=notDefined, result=exceptionThrown}",
                        "ft.bulkhead.calls.total{bulkheadResult=accepted}",
                        "ft.bulkhead.calls.total{bulkheadResult=rejected}",
                        "ft.bulkhead.executionsRunning{}",
                        "ft.bulkhead.runningDuration{}");
        assertThat(count("bulkhead", "ft.bulkhead.calls.total", "bulkheadResult", "accepted"))
                .isEqualTo(1);
        assertThat(count("bulkhead", "ft.bulkhead.calls.total", "bulkheadResult", "rejected"))
                .isEqualTo(1);
        assertThat(running.value()).isZero();
        assertThat(meter("bulkhead", "ft.bulkhead.runningDuration", Timer.class).count())
                .isEqualTo(1);
    }

    @Test
    void rateLimitCountsPermittedAndRejectedCallsAsSmallRyeNamesThem() {
        assertThat(guarded.limited()).isEqualTo("done");
        assertThatThrownBy(guarded::limited).isExactlyInstanceOf(RateLimitException.class);

        assertThat(metricsOf("limited"))
                .containsExactlyInAnyOrder(
                        "ft.invocations.total{fallback=notDefined, result=valueReturned}",
                        "ft.invocations.total{fallback=notDefined, result=exceptionThrown}",
                        "ft.ratelimit.calls.total{rateLimitResult=permitted}",
                        "ft.ratelimit.calls.total{rateLimitResult=rejected}");
        assertThat(count("limited", "ft.ratelimit.calls.total", "rateLimitResult", "permitted"))
                .isEqualTo(1);
        assertThat(count("limited", "ft.ratelimit.calls.total", "rateLimitResult", "rejected"))
                .isEqualTo(1);
    }

    @Test
    void asynchronousBulkheadAlsoHasWaitingExecutionsAndWaitingDuration() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = guarded.queued(release).toCompletableFuture();
        Gauge running = meter("queued", "ft.bulkhead.executionsRunning", Gauge.class);
        Gauge waiting = meter("queued", "ft.bulkhead.executionsWaiting", Gauge.class);
        await("the first call runs", () -> running.value() == 1);
        CompletableFuture<String> second = guarded.queued(release).toCompletableFuture();
        await("the second call waits", () -> waiting.value() == 1);
        CompletableFuture<String> third = guarded.queued(release).toCompletableFuture();
        assertThat(third)
                .failsWithin(5, TimeUnit.SECONDS)
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(BulkheadException.class);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("done");

        assertThat(metricsOf("queued"))
                .containsExactlyInAnyOrder(
                        "ft.invocations.total{fallback=notDefined, result=valueReturned}",
                        "ft.invocations.total{fallback=notDefined, result=exceptionThrown}",
                        "ft.bulkhead.calls.total{bulkheadResult=accepted}",
                        "ft.bulkhead.calls.total{bulkheadResult=rejected}",
                        "ft.bulkhead.executionsRunning{}",
                        "ft.bulkhead.executionsWaiting{}",
                        "ft.bulkhead.runningDuration{}",
                        "ft.bulkhead.waitingDuration{}");
        assertThat(count("queued", "ft.bulkhead.calls.total", "bulkheadResult", "accepted"))
                .isEqualTo(2);
        assertThat(count("queued", "ft.bulkhead.calls.total", "bulkheadResult", "rejected"))
                .isEqualTo(1);
        await("both calls left the bulkhead", () -> running.value() == 0 && waiting.value() == 0);
        assertThat(meter("queued", "ft.bulkhead.runningDuration", Timer.class).count())
                .isEqualTo(2);
        assertThat(meter("queued", "ft.bulkhead.waitingDuration", Timer.class).count())
                .isEqualTo(2);
    }

    @Test
    void fallbackTellsAppliedFromNotApplied() {
        assertThat(guarded.withFallback(false)).isEqualTo("value");
        assertThat(guarded.withFallback(true)).isEqualTo("fallback");
        assertThat(guarded.withFallback(true)).isEqualTo("fallback");

        assertThat(metricsOf("withFallback"))
                .containsExactlyInAnyOrder(
                        "ft.invocations.total{fallback=applied, result=valueReturned}",
                        "ft.invocations.total{fallback=applied, result=exceptionThrown}",
                        "ft.invocations.total{fallback=notApplied, result=valueReturned}",
                        "ft.invocations.total{fallback=notApplied, result=exceptionThrown}");
        assertThat(
                        count(
                                "withFallback",
                                "ft.invocations.total",
                                "result",
                                "valueReturned",
                                "fallback",
                                "notApplied"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "withFallback",
                                "ft.invocations.total",
                                "result",
                                "valueReturned",
                                "fallback",
                                "applied"))
                .isEqualTo(2);
    }

    @Test
    void asynchronousAloneHasNoMetrics() throws Exception {
        assertThat(guarded.asynchronousOnly().toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo("done");

        assertThat(metricsOf("asynchronousOnly")).isEmpty();
    }

    @Test
    void overloadsWithTheSameNameShareTheirMetrics() {
        guarded.overloaded();
        guarded.overloaded("again");

        assertThat(
                        count(
                                "overloaded",
                                "ft.invocations.total",
                                "result",
                                "valueReturned",
                                "fallback",
                                "notDefined"))
                .isEqualTo(2);
        assertThat(
                        count(
                                "overloaded",
                                "ft.retry.calls.total",
                                "retried",
                                "false",
                                "retryResult",
                                "valueReturned"))
                .isEqualTo(2);
    }

    @Test
    void everyMeterIsRemovedWhenTheContainerStops() {
        guarded.retry(0);
        assertThat(registry.getMeters()).isNotEmpty();

        container.close();

        assertThat(registry.getMeters()).isEmpty();
    }

    /** @return every metric registered for a method of {@link Guarded}, as {@code name{tag=value, ...}} */
    private Set<String> metricsOf(String method) {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> (GUARDED + method).equals(id.getTag("method")))
                .map(
                        id ->
                                id.getName()
                                        + id.getTags().stream()
                                                .filter(tag -> !tag.getKey().equals("method"))
                                                .map(tag -> tag.getKey() + "=" + tag.getValue())
                                                .collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private long count(String method, String name, String... tags) {
        return (long)
                meter(method, name, io.micrometer.core.instrument.Counter.class, tags).count();
    }

    private <M extends Meter> M meter(String method, String name, Class<M> type, String... tags) {
        Meter found = registry.get(name).tag("method", GUARDED + method).tags(tags).meter();
        assertThat(found).isInstanceOf(type);
        assertThat(found.getId().getTags()).hasSize(1 + tags.length / 2);
        assertThat(found.getId().getDescription()).isNotBlank();
        assertThat(found.getId().getTags()).contains(Tag.of("method", GUARDED + method));
        return type.cast(found);
    }

    /** Offers the test's registry as a bean, as a container with Micrometer does. */
    @Singleton
    static class Registry {

        static volatile MeterRegistry current;

        @Produces
        @Singleton
        MeterRegistry registry() {
            return current;
        }
    }

    /** One method per annotation of the spec's tables. */
    @ApplicationScoped
    public static class Guarded {

        static final long TIMEOUT_MILLIS = 50;

        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 3, delay = 0, jitter = 0, retryOn = IllegalStateException.class)
        public String retry(int failures) {
            if (attempts.incrementAndGet() <= failures) {
                throw new IllegalStateException("attempt " + attempts.get());
            }
            attempts.set(0);
            return "ok";
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0, retryOn = IllegalStateException.class)
        public String notRetryable() {
            throw new IllegalArgumentException("never retried");
        }

        @Timeout(TIMEOUT_MILLIS)
        public String timeout(boolean hang) throws InterruptedException {
            if (hang) {
                new CountDownLatch(1).await();
            }
            return "ok";
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
        public String breaker(boolean fail) {
            if (fail) {
                throw new IllegalStateException("failed");
            }
            return "ok";
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        public String limited() {
            return "done";
        }

        @Bulkhead(1)
        public String bulkhead(CountDownLatch release) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "done";
        }

        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        public CompletionStage<String> queued(CountDownLatch release) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture("done");
        }

        @Fallback(fallbackMethod = "fallback")
        public String withFallback(boolean fail) {
            if (fail) {
                throw new IllegalStateException("failed");
            }
            return "value";
        }

        String fallback(boolean fail) {
            return "fallback";
        }

        @Asynchronous
        public CompletionStage<String> asynchronousOnly() {
            return CompletableFuture.completedFuture("done");
        }

        @Retry(maxRetries = 1)
        public String overloaded() {
            return "ok";
        }

        @Retry(maxRetries = 1)
        public String overloaded(String argument) {
            return "ok " + argument;
        }
    }
}
