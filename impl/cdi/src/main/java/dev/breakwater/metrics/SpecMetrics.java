package dev.breakwater.metrics;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.BulkheadGauges;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.OperationMetrics;
import dev.breakwater.core.RateLimiter;
import dev.breakwater.metrics.MetricSink.Counter;
import dev.breakwater.metrics.MetricSink.DurationHistogram;
import dev.breakwater.metrics.MetricSink.Tag;
import java.util.List;

/**
 * The spec's metrics for one guarded method. Every instrument for every tag combination is created up front, so
 * that recording an event is an array index and an increment: no lookup, no string, no allocation.
 */
public final class SpecMetrics implements OperationMetrics {

    static final String NANOSECONDS = "nanoseconds";
    static final String NONE = "none";

    /** The states a fleet can have a breaker in: the spec's and the operator's holds, never disabled. */
    private static final List<BreakerState> FLEET_STATES =
            List.of(
                    BreakerState.CLOSED,
                    BreakerState.OPEN,
                    BreakerState.HALF_OPEN,
                    BreakerState.HELD_OPEN,
                    BreakerState.HELD_CLOSED);

    /** The states the spec's {@code ft.circuitbreaker.state.total} gauge has a {@code state} tag value for. */
    private static final List<BreakerState> SPEC_STATES =
            List.of(BreakerState.CLOSED, BreakerState.OPEN, BreakerState.HALF_OPEN);

    private final Counter[][] invocations;
    private final Counter[][] retryCalls;
    private final Counter retries;
    private final Counter[] timeoutCalls;
    private final DurationHistogram timeoutDuration;
    private final Counter[] circuitBreakerCalls;
    private final Counter circuitBreakerOpened;
    private final Counter[] bulkheadCalls;
    private final DurationHistogram bulkheadRunning;
    private final DurationHistogram bulkheadWaiting;
    private final Counter[] rateLimitCalls;

    /**
     * Registers the counters and histograms of the policies the method has.
     *
     * @param sink the backend
     * @param method the method's fully qualified name, {@code com.acme.Client.charge}
     * @param policies which policies the method has
     */
    public SpecMetrics(MetricSink sink, String method, MeteredPolicies policies) {
        this(sink, method, policies, true);
    }

    private SpecMetrics(
            MetricSink sink, String method, MeteredPolicies policies, boolean invocationsCounted) {
        Tag methodTag = new Tag("method", method);
        invocations = new Counter[InvocationResult.values().length][FallbackUse.values().length];
        for (InvocationResult result : InvocationResult.values()) {
            for (FallbackUse use : FallbackUse.values()) {
                if (!invocationsCounted
                        || (use == FallbackUse.NOT_DEFINED
                                ? policies.fallback()
                                : !policies.fallback())) {
                    continue;
                }
                invocations[result.ordinal()][use.ordinal()] =
                        sink.counter(
                                "ft.invocations.total",
                                "The number of times the method was called",
                                methodTag,
                                new Tag("result", camel(result.name())),
                                new Tag("fallback", camel(use.name())));
            }
        }
        retryCalls = new Counter[2][RetryResult.values().length];
        retries =
                policies.retry()
                        ? sink.counter(
                                "ft.retry.retries.total",
                                "The number of times the method was retried",
                                methodTag)
                        : null;
        if (policies.retry()) {
            for (int retried = 0; retried < 2; retried++) {
                for (RetryResult result : RetryResult.values()) {
                    retryCalls[retried][result.ordinal()] =
                            sink.counter(
                                    "ft.retry.calls.total",
                                    "The number of times the retry logic was run",
                                    methodTag,
                                    new Tag("retried", String.valueOf(retried == 1)),
                                    new Tag("retryResult", camel(result.name())));
                }
            }
        }
        timeoutCalls = new Counter[2];
        timeoutDuration =
                policies.timeout()
                        ? sink.histogram(
                                "ft.timeout.executionDuration",
                                "Histogram of execution times for the method",
                                methodTag)
                        : null;
        if (policies.timeout()) {
            for (int timedOut = 0; timedOut < 2; timedOut++) {
                timeoutCalls[timedOut] =
                        sink.counter(
                                "ft.timeout.calls.total",
                                "The number of times the timeout logic was run",
                                methodTag,
                                new Tag("timedOut", String.valueOf(timedOut == 1)));
            }
        }
        circuitBreakerCalls = new Counter[CircuitBreakerResult.values().length];
        circuitBreakerOpened =
                policies.circuitBreaker()
                        ? sink.counter(
                                "ft.circuitbreaker.opened.total",
                                "Number of times the circuit breaker has moved from closed state to open state",
                                methodTag)
                        : null;
        if (policies.circuitBreaker()) {
            for (CircuitBreakerResult result : CircuitBreakerResult.values()) {
                circuitBreakerCalls[result.ordinal()] =
                        sink.counter(
                                "ft.circuitbreaker.calls.total",
                                "The number of times the circuit breaker logic was run",
                                methodTag,
                                new Tag("circuitBreakerResult", camel(result.name())));
            }
        }
        bulkheadCalls = new Counter[2];
        bulkheadRunning =
                policies.bulkhead()
                        ? sink.histogram(
                                "ft.bulkhead.runningDuration",
                                "Histogram of the time that method executions spent running",
                                methodTag)
                        : null;
        bulkheadWaiting =
                policies.bulkhead() && policies.asynchronous()
                        ? sink.histogram(
                                "ft.bulkhead.waitingDuration",
                                "Histogram of the time that method executions spent waiting in the queue",
                                methodTag)
                        : null;
        if (policies.bulkhead()) {
            for (int accepted = 0; accepted < 2; accepted++) {
                bulkheadCalls[accepted] =
                        sink.counter(
                                "ft.bulkhead.calls.total",
                                "The number of times the bulkhead logic was run",
                                methodTag,
                                new Tag("bulkheadResult", accepted == 1 ? "accepted" : "rejected"));
            }
        }
        rateLimitCalls = new Counter[2];
        if (policies.rateLimit()) {
            for (int permitted = 0; permitted < 2; permitted++) {
                rateLimitCalls[permitted] =
                        sink.counter(
                                "ft.ratelimit.calls.total",
                                "The number of times the rate limit logic was run",
                                methodTag,
                                new Tag(
                                        "rateLimitResult",
                                        permitted == 1 ? "permitted" : "rejected"));
            }
        }
    }

    /**
     * The circuit breaker's metrics of a breaker built in code, registered in the container's registry: the ones an
     * annotated method's breaker has ({@code ft.circuitbreaker.calls.total}, {@code .opened.total},
     * {@code .state.total}, {@code .state.current}), tagged {@code method} with the breaker's name. A typed guard has
     * no method, so there is no {@code ft.invocations.total}.
     *
     * @param sink the backend
     * @param breaker the breaker
     * @return what the breaker's guards report their calls and the registry the openings to
     */
    public static SpecMetrics ofBreaker(MetricSink sink, CircuitBreaker breaker) {
        SpecMetrics metrics =
                new SpecMetrics(
                        sink,
                        breaker.name(),
                        new MeteredPolicies(false, false, true, false, false, false, false),
                        false);
        registerGauges(sink, breaker.name(), breaker, null, false);
        return metrics;
    }

    /**
     * Registers the gauges, which read the state of the method's circuit breaker and bulkhead.
     *
     * @param sink the backend
     * @param method the method's fully qualified name
     * @param breaker the method's circuit breaker, or {@code null}
     * @param bulkhead the method's bulkhead, or {@code null}
     * @param asynchronous whether the bulkhead has a queue
     */
    public static void registerGauges(
            MetricSink sink,
            String method,
            CircuitBreaker breaker,
            BulkheadGauges bulkhead,
            boolean asynchronous) {
        Tag methodTag = new Tag("method", method);
        if (breaker != null) {
            for (BreakerState state : SPEC_STATES) {
                sink.monotonicGauge(
                        "ft.circuitbreaker.state.total",
                        "Amount of time the circuit breaker has spent in each state",
                        NANOSECONDS,
                        () -> nanosCountedAs(breaker, state),
                        methodTag,
                        new Tag("state", camel(state.name())));
                // SmallRye's, beyond the spec: 1 for the state the breaker is in, 0 for the others.
                sink.gauge(
                        "ft.circuitbreaker.state.current",
                        "Whether the circuit breaker is currently in this state",
                        NONE,
                        () -> OperationMetrics.specState(breaker.state()) == state ? 1 : 0,
                        methodTag,
                        new Tag("state", camel(state.name())));
            }
        }
        if (breaker != null && breaker.fleet().isPresent()) {
            registerFleetGauges(sink, methodTag, breaker);
        }
        if (bulkhead != null) {
            sink.gauge(
                    "ft.bulkhead.executionsRunning",
                    "Number of currently running executions",
                    NONE,
                    bulkhead::running,
                    methodTag);
            if (asynchronous) {
                sink.gauge(
                        "ft.bulkhead.executionsWaiting",
                        "Number of executions currently waiting in the queue",
                        NONE,
                        bulkhead::waiting,
                        methodTag);
            }
        }
    }

    /**
     * Beyond the spec, for a breaker in fleet mode: the fleet's state beside the breaker's own
     * ({@code ft.circuitbreaker.state.current}), and whether the breaker goes on alone.
     */
    private static void registerFleetGauges(
            MetricSink sink, Tag methodTag, CircuitBreaker breaker) {
        for (BreakerState state : FLEET_STATES) {
            sink.gauge(
                    "ft.circuitbreaker.fleet.state.current",
                    "Whether the fleet's last view of the circuit breaker has it in this state",
                    NONE,
                    () -> breaker.fleet().map(fleet -> fleet.state() == state ? 1 : 0).orElse(0),
                    methodTag,
                    new Tag("state", camel(state.name())));
        }
        sink.gauge(
                "ft.circuitbreaker.fleet.local",
                "1 while the circuit breaker goes on alone (the fleet's store lost, or its view refused), 0 while"
                        + " it follows the fleet",
                NONE,
                () -> breaker.fleet().map(fleet -> fleet.following() ? 0 : 1).orElse(0),
                methodTag);
    }

    /**
     * Registers the gauges of a method's rate limiter, beyond the spec: for a rate limit in fleet mode, what this
     * replica holds of the fleet's limit ({@code ft.ratelimit.fleet.local}, {@code .instances}, {@code .leased},
     * {@code .windowLeased}); a local rate limit has none.
     *
     * @param sink the backend
     * @param method the method's fully qualified name
     * @param limiter the method's rate limiter
     */
    public static void registerRateLimitGauges(
            MetricSink sink, String method, RateLimiter limiter) {
        if (limiter.fleet().isEmpty()) {
            return;
        }
        Tag methodTag = new Tag("method", method);
        sink.gauge(
                "ft.ratelimit.fleet.local",
                "1 while the rate limit goes on alone with its share of the fleet's limit (the fleet's store lost, or"
                        + " its lease refused), 0 while it spends the fleet's leases",
                NONE,
                () -> limiter.fleet().map(fleet -> fleet.following() ? 0 : 1).orElse(0),
                methodTag);
        sink.gauge(
                "ft.ratelimit.fleet.instances",
                "The replicas the fleet counted for the rate limit at its last lease",
                NONE,
                () -> limiter.fleet().map(fleet -> fleet.instances()).orElse(0),
                methodTag);
        sink.gauge(
                "ft.ratelimit.fleet.leased",
                "Tokens of the fleet's current window leased to this replica and not spent yet",
                NONE,
                () -> limiter.fleet().map(fleet -> fleet.leasedUnspent()).orElse(0L),
                methodTag);
        sink.gauge(
                "ft.ratelimit.fleet.windowLeased",
                "Tokens of the fleet's window every replica together had been leased at this replica's last lease",
                NONE,
                () -> limiter.fleet().map(fleet -> fleet.windowLeased()).orElse(0),
                methodTag);
    }

    private static long nanosCountedAs(CircuitBreaker breaker, BreakerState shown) {
        long nanos = 0;
        for (BreakerState state : BreakerState.values()) {
            if (OperationMetrics.specState(state) == shown) {
                nanos += breaker.nanosIn(state);
            }
        }
        return nanos;
    }

    /** {@code VALUE_RETURNED} becomes {@code valueReturned}, the spelling of the spec's tag values. */
    static String camel(String constant) {
        StringBuilder text = new StringBuilder();
        boolean upper = false;
        for (char c : constant.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                text.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return text.toString();
    }

    @Override
    public void invocation(InvocationResult result, FallbackUse fallback) {
        invocations[result.ordinal()][fallback.ordinal()].increment();
    }

    @Override
    public void retryCall(boolean retried, RetryResult result) {
        retryCalls[retried ? 1 : 0][result.ordinal()].increment();
    }

    @Override
    public void retry() {
        retries.increment();
    }

    @Override
    public void timeoutCall(boolean timedOut, long executionNanos) {
        timeoutCalls[timedOut ? 1 : 0].increment();
        timeoutDuration.record(executionNanos);
    }

    @Override
    public void circuitBreakerCall(CircuitBreakerResult result) {
        circuitBreakerCalls[result.ordinal()].increment();
    }

    @Override
    public void circuitBreakerOpened() {
        circuitBreakerOpened.increment();
    }

    @Override
    public void bulkheadCall(boolean accepted) {
        bulkheadCalls[accepted ? 1 : 0].increment();
    }

    @Override
    public void rateLimitCall(boolean permitted) {
        rateLimitCalls[permitted ? 1 : 0].increment();
    }

    @Override
    public void bulkheadRan(long runningNanos) {
        bulkheadRunning.record(runningNanos);
    }

    @Override
    public void bulkheadWaited(long waitingNanos) {
        if (bulkheadWaiting != null) {
            bulkheadWaiting.record(waitingNanos);
        }
    }
}
