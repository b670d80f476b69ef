package dev.breakwater.cdi;

import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.ThreadPools;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The deployment's side of its {@link CircuitBreakerRegistry}: registers each guarded method's breaker (and each
 * named {@code Guard}'s) while the pipelines are built, and remembers which methods share a name, for the rules of
 * names that a late assembly checks. The registry itself is the application's {@code CircuitBreakers} bean, which
 * breakers built with the typed API join too.
 */
final class BreakerRegistry {

    private final CircuitBreakerRegistry control;
    private final Map<String, List<GuardedMethod>> methods = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> byName = new ConcurrentHashMap<>();

    /** @param control the registry the breakers join */
    BreakerRegistry(CircuitBreakerRegistry control) {
        this.control = control;
    }

    /**
     * @param name the breaker's name; the first method of a name creates the breaker, the others share it
     * @param policy the policy, the same for every method of the name (checked at validation)
     * @param method the method
     * @param methodListener told of the breaker's changes on behalf of that method
     * @param timers whose timer ends the breaker's open delays
     * @return the breaker for the method's pipeline
     * @throws IllegalStateException if a breaker built in code has the name
     */
    CircuitBreaker register(
            String name,
            CircuitBreakerPolicy policy,
            GuardedMethod method,
            BreakerStateListener methodListener,
            ThreadPools timers) {
        CircuitBreaker breaker =
                control.share(name, policy, method.describe(), methodListener, timers);
        methods.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>()).add(method);
        byName.putIfAbsent(name, breaker);
        return breaker;
    }

    /**
     * Registers the breaker of one programmatic guard ({@code Guard}, {@code TypedGuard}) under a name no other
     * breaker has.
     *
     * @param name the breaker's name
     * @param policy the policy
     * @param owner the guard, as the snapshot names it
     * @param listener told of the breaker's changes on behalf of the guard
     * @param timers whose timer ends the breaker's open delays
     * @return the breaker
     * @throws IllegalStateException if a breaker is already registered under the name
     */
    CircuitBreaker registerUnique(
            String name,
            CircuitBreakerPolicy policy,
            String owner,
            BreakerStateListener listener,
            ThreadPools timers) {
        return control.register(name, policy, owner, listener, timers);
    }

    /**
     * Removes a programmatic guard's breaker, when the guard replaces it by one configured by its identifier.
     *
     * @param name the name it is registered under
     * @param breaker the breaker; nothing is removed if another breaker holds the name
     */
    void unregister(String name, CircuitBreaker breaker) {
        control.remove(name, breaker);
    }

    /**
     * @param name a breaker name
     * @return the policy of the breaker registered under that name, if there is one
     */
    Optional<CircuitBreakerPolicy> policy(String name) {
        return control.policy(name);
    }

    /**
     * @param name a breaker name
     * @return the methods of the breaker registered under that name; empty when there is none
     */
    List<GuardedMethod> methods(String name) {
        return List.copyOf(methods.getOrDefault(name, List.of()));
    }

    /** @return the registry: the deployment's {@code CircuitBreakers} */
    CircuitBreakerRegistry control() {
        return control;
    }
}
