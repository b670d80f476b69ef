package dev.breakwater.cdi;

import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerCounters;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ThreadPools;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One named circuit breaker and the methods (and programmatic guards) that share it. It relays the breaker's changes of state to each
 * method's own listener (metrics) and to the registry's subscribers; this happens only on changes, never on an
 * ordinary call.
 */
final class NamedBreaker implements BreakerStateListener {

    private final String name;
    private final CircuitBreaker breaker;
    private final BreakerRegistry registry;
    private final List<GuardedMethod> methods = new CopyOnWriteArrayList<>();
    /** The programmatic guards ({@code Guard}, {@code TypedGuard}) that use this breaker, as snapshots name them. */
    private final List<String> guards = new CopyOnWriteArrayList<>();
    private final List<BreakerStateListener> methodListeners = new CopyOnWriteArrayList<>();

    NamedBreaker(String name, CircuitBreakerPolicy policy, ThreadPools timers, BreakerRegistry registry) {
        this.name = name;
        this.registry = registry;
        // The breaker tells this object of changes; none can happen before the constructor has returned.
        this.breaker = new CircuitBreaker(name, policy, this, timers);
    }

    /** Adds a method that uses this breaker, with the listener of its own (per-method) metrics. */
    void addMethod(GuardedMethod method, BreakerStateListener listener) {
        methods.add(method);
        if (listener != BreakerStateListener.NONE) {
            methodListeners.add(listener);
        }
    }

    /** Adds a programmatic guard that uses this breaker, with the listener of its callbacks. */
    void addGuard(String guard, BreakerStateListener listener) {
        guards.add(guard);
        if (listener != BreakerStateListener.NONE) {
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
    public void onStateChange(BreakerStateChange change) {
        for (BreakerStateListener listener : methodListeners) {
            listener.onStateChange(change);
        }
        registry.publish(change);
    }

    CircuitBreakerSnapshot snapshot() {
        CircuitBreakerPolicy policy = breaker.policy();
        CircuitBreakerCounters counters = breaker.counters();
        return new CircuitBreakerSnapshot(name, breaker.state(), Duration.ofNanos(breaker.nanosInCurrentState()),
                Stream.concat(methods.stream().map(GuardedMethod::describe), guards.stream()).sorted().toList(),
                counters.succeeded(),
                counters.failed(), counters.rejected(), counters.opened(), policy.requestVolumeThreshold(),
                policy.failureRatio(), Duration.ofNanos(policy.delayNanos()), policy.successThreshold());
    }
}
