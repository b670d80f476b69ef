package dev.breakwater.cdi;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerCounters;
import dev.breakwater.core.CircuitBreakerListener;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ThreadPools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One named circuit breaker and the methods that share it. It relays the breaker's changes of state to each
 * method's own listener (metrics) and to the registry's subscribers; this happens only on changes, never on an
 * ordinary call.
 */
final class NamedBreaker implements CircuitBreakerListener {

    private final String name;
    private final CircuitBreaker breaker;
    private final BreakerRegistry registry;
    private final List<GuardedMethod> methods = new CopyOnWriteArrayList<>();
    private final List<CircuitBreakerListener> methodListeners = new CopyOnWriteArrayList<>();

    NamedBreaker(String name, CircuitBreakerPolicy policy, ThreadPools timers, BreakerRegistry registry) {
        this.name = name;
        this.registry = registry;
        // The breaker tells this object of changes; none can happen before the constructor has returned.
        this.breaker = new CircuitBreaker(policy, this, timers);
    }

    /** Adds a method that uses this breaker, with the listener of its own (per-method) metrics. */
    void addMethod(GuardedMethod method, CircuitBreakerListener listener) {
        methods.add(method);
        if (listener != CircuitBreakerListener.NONE) {
            methodListeners.add(listener);
        }
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    /** @return the methods that use this breaker */
    List<GuardedMethod> methods() {
        return List.copyOf(methods);
    }

    @Override
    public void onStateChange(BreakerState from, BreakerState to) {
        for (CircuitBreakerListener listener : methodListeners) {
            listener.onStateChange(from, to);
        }
        registry.publish(name, from, to);
    }

    CircuitBreakerSnapshot snapshot() {
        CircuitBreakerPolicy policy = breaker.policy();
        CircuitBreakerCounters counters = breaker.counters();
        return new CircuitBreakerSnapshot(name, breaker.state(), Duration.ofNanos(breaker.nanosInCurrentState()),
                methods.stream().map(GuardedMethod::describe).sorted().toList(), counters.succeeded(),
                counters.failed(), counters.rejected(), counters.opened(), policy.requestVolumeThreshold(),
                policy.failureRatio(), Duration.ofNanos(policy.delayNanos()), policy.successThreshold());
    }
}
