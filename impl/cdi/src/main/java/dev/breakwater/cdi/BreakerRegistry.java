package dev.breakwater.cdi;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.Subscription;
import dev.breakwater.core.CircuitBreaker;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ThreadPools;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The circuit breakers of one deployment, by name: filled while the pipelines are built, then handed to
 * applications as the {@link CircuitBreakers} bean.
 */
final class BreakerRegistry implements CircuitBreakers {

    private static final System.Logger LOG = System.getLogger(BreakerRegistry.class.getName());

    private final Map<String, NamedBreaker> byName = new ConcurrentSkipListMap<>();
    private final List<BreakerStateListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param name the breaker's name; the first method of a name creates the breaker, the others share it
     * @param policy the policy, the same for every method of the name (checked at validation)
     * @param method the method
     * @param methodListener told of the breaker's changes on behalf of that method
     * @param timers whose timer ends the breaker's open delays
     * @return the breaker for the method's pipeline
     */
    CircuitBreaker register(String name, CircuitBreakerPolicy policy, GuardedMethod method,
                            BreakerStateListener methodListener, ThreadPools timers) {
        NamedBreaker named = byName.computeIfAbsent(name, key -> new NamedBreaker(key, policy, timers, this));
        named.addMethod(method, methodListener);
        return named.breaker();
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
    CircuitBreaker registerUnique(String name, CircuitBreakerPolicy policy, String owner,
                                  BreakerStateListener listener, ThreadPools timers) {
        NamedBreaker created = new NamedBreaker(name, policy, timers, this);
        NamedBreaker existing = byName.putIfAbsent(name, created);
        if (existing != null) {
            throw new IllegalStateException(owner + ": a circuit breaker is already named '" + name
                    + "' (used by " + existing.snapshot().methods() + "); allowed: a name no other circuit breaker"
                    + " has");
        }
        created.addGuard(owner, listener);
        return created.breaker();
    }

    /**
     * @param name a breaker name
     * @return the policy of the breaker registered under that name, if there is one
     */
    Optional<CircuitBreakerPolicy> policy(String name) {
        return Optional.ofNullable(byName.get(name)).map(named -> named.breaker().policy());
    }

    /**
     * @param name a breaker name
     * @return the methods of the breaker registered under that name; empty when there is none
     */
    List<GuardedMethod> methods(String name) {
        return Optional.ofNullable(byName.get(name)).map(NamedBreaker::methods).orElse(List.of());
    }

    @Override
    public List<CircuitBreakerSnapshot> list() {
        return byName.values().stream().map(NamedBreaker::snapshot).toList();
    }

    @Override
    public Optional<CircuitBreakerSnapshot> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(NamedBreaker::snapshot);
    }

    @Override
    public BreakerState state(String name) {
        return named(name).breaker().state();
    }

    @Override
    public void reset(String name) {
        named(name).breaker().reset();
    }

    @Override
    public void resetAll() {
        byName.values().forEach(named -> named.breaker().reset());
    }

    @Override
    public void forceOpen(String name) {
        named(name).breaker().forceOpen();
    }

    @Override
    public void holdOpen(String name) {
        named(name).breaker().holdOpen();
    }

    @Override
    public void holdClosed(String name) {
        named(name).breaker().holdClosed();
    }

    @Override
    public void disable(String name) {
        named(name).breaker().disable();
    }

    @Override
    public void forceClosed(String name) {
        named(name).breaker().forceClosed();
    }

    @Override
    public Subscription subscribe(BreakerStateListener listener) {
        BreakerStateListener registered = listener::onStateChange;   // a distinct object, so close() removes only it
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    @Override
    public Subscription subscribe(String name, BreakerStateListener listener) {
        named(name);   // fails on an unknown name now, not silently never
        return subscribe(change -> {
            if (change.breaker().equals(name)) {
                listener.onStateChange(change);
            }
        });
    }

    /**
     * Tells every subscriber. One that throws is logged and skipped: a listener's bug must not fail the call
     * whose outcome changed the state, nor hide the change from the other listeners.
     */
    void publish(BreakerStateChange change) {
        for (BreakerStateListener listener : listeners) {
            try {
                listener.onStateChange(change);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A listener failed on " + change + "; the others were told", e);
            }
        }
    }

    private NamedBreaker named(String name) {
        NamedBreaker named = byName.get(name);
        if (named == null) {
            throw new IllegalArgumentException("no circuit breaker is named '" + name + "'; the breakers are "
                    + byName.keySet());
        }
        return named;
    }
}
