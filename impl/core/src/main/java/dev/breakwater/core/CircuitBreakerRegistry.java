package dev.breakwater.core;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.BreakerStateListener;
import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Circuit breakers by name, looked at and steered through {@link CircuitBreakers}: the control plane of one
 * application. Breakers join it when they are built, never per call: a typed breaker when its builder is given the
 * registry ({@link CircuitBreakerBuilder#registry(CircuitBreakerRegistry)}), an annotated method's breaker when the
 * CDI layer assembles the method. In a CDI container (Weld, Quarkus) the container owns one, offered as a bean of
 * this type and as its {@code CircuitBreakers} bean, and closes it when it stops; a plain-Java application that owns
 * its JVM can use {@link #global()}, and one that is redeployed inside a long-lived JVM (or a library) creates its
 * own ({@link #create()}) and closes it when it stops, so that nothing of it outlives it.
 *
 * <p>A name belongs to one breaker. Registering another breaker under a taken name throws
 * {@link IllegalStateException}; only the methods of the CDI layer that share a {@code @BreakerName} join one breaker
 * ({@link #share}). Removing a breaker ({@link #remove(String)}) or closing the registry takes breakers out of the
 * control plane only: the guards that use them go on using them.
 */
public final class CircuitBreakerRegistry implements CircuitBreakers, AutoCloseable {

    private static final System.Logger LOG =
            System.getLogger(CircuitBreakerRegistry.class.getName());

    private final Map<String, Registered> byName = new ConcurrentSkipListMap<>();
    private final List<BreakerStateListener> subscribers = new CopyOnWriteArrayList<>();
    private final boolean global;
    private volatile boolean closed;
    private volatile BreakerMetrics metrics;

    private CircuitBreakerRegistry(boolean global) {
        this.global = global;
    }

    /** @return a new, empty registry, owned by the caller, who closes it when the application stops */
    public static CircuitBreakerRegistry create() {
        return new CircuitBreakerRegistry(false);
    }

    /**
     * The registry of the JVM, for an application that owns its JVM. It cannot be closed: an application redeployed
     * inside a long-lived JVM would leave its breakers in it, so such an application {@linkplain #create() creates}
     * its own.
     *
     * @return the same registry on every call
     */
    public static CircuitBreakerRegistry global() {
        return Global.INSTANCE;
    }

    /**
     * Registers a new breaker under a name no other breaker has.
     *
     * @param name the breaker's name
     * @param policy when it opens and closes
     * @param user what uses it, as snapshots list it (a guard's description)
     * @param listener told of the breaker's changes before the registry's subscribers
     * @param timers whose timer ends the breaker's open delays, or {@code null} for none (an open breaker then becomes
     *               half-open on the first call or look after its delay)
     * @return the breaker, closed
     * @throws IllegalStateException if a breaker is registered under the name, or the registry is closed
     */
    public CircuitBreaker register(
            String name,
            CircuitBreakerPolicy policy,
            String user,
            BreakerStateListener listener,
            ThreadPools timers) {
        return join(
                name, policy, false, Objects.requireNonNull(user, "user"), listener, timers, null);
    }

    /**
     * Registers a breaker that several users share by name (the methods of one {@code @BreakerName}): the first
     * registration of the name creates it with its policy, the later ones join it.
     *
     * @param name the breaker's name
     * @param policy when it opens and closes; the later users of the name have the same (the CDI layer checks it)
     * @param user what uses it, as snapshots list it (a method)
     * @param listener told of the breaker's changes on behalf of this user, before the registry's subscribers
     * @param timers whose timer ends the breaker's open delays, or {@code null} for none
     * @return the breaker of the name
     * @throws IllegalStateException if the name is taken by a breaker {@link #register registered} as unshared, or
     *                               the registry is closed
     */
    public CircuitBreaker share(
            String name,
            CircuitBreakerPolicy policy,
            String user,
            BreakerStateListener listener,
            ThreadPools timers) {
        return join(
                name, policy, true, Objects.requireNonNull(user, "user"), listener, timers, null);
    }

    /**
     * The typed builders' way in: a breaker named in code, used by whichever guards it is given to, and metered by
     * the registry's {@link BreakerMetrics}, if it has them; a member of the fleet before it is metered, if a member
     * is given, so that its metrics include the fleet's.
     */
    CircuitBreaker register(
            String name,
            CircuitBreakerPolicy policy,
            BreakerStateListener listener,
            FleetMember fleet) {
        return join(name, policy, false, null, listener, null, fleet);
    }

    /**
     * Meters the breakers that typed builders register from now on, as the container's metrics backend meters
     * annotated methods: a CDI container sets this when it finds a backend, before the application's code runs.
     *
     * @param metrics what each such breaker reports to
     */
    public void meterBreakersBuiltInCode(BreakerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    private synchronized CircuitBreaker join(
            String name,
            CircuitBreakerPolicy policy,
            boolean shared,
            String user,
            BreakerStateListener listener,
            ThreadPools timers,
            FleetMember fleet) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(listener, "listener");
        if (closed) {
            throw new IllegalStateException(
                    "circuit breaker '"
                            + name
                            + "' cannot join a closed registry: its"
                            + " application has stopped");
        }
        Registered existing = byName.get(name);
        if (existing != null && !(shared && existing.shared)) {
            throw new IllegalStateException(
                    (user == null ? "circuit breaker '" + name + "'" : user)
                            + ": a circuit breaker is already named '"
                            + name
                            + "' (used by "
                            + (existing.users.isEmpty() ? "code that built it" : existing.users)
                            + "); allowed: a name no"
                            + " other circuit breaker of the registry has (only methods sharing a @BreakerName share one)");
        }
        Registered registered =
                existing != null ? existing : new Registered(name, policy, shared, timers);
        if (fleet != null) {
            fleet.join(registered.breaker);
        }
        if (existing == null && user == null && metrics != null) {
            registered.meter(metrics);
        }
        registered.add(user, listener);
        byName.putIfAbsent(name, registered);
        return registered.breaker;
    }

    /**
     * @param name a breaker name
     * @return the policy of the breaker registered under that name, if there is one
     */
    public Optional<CircuitBreakerPolicy> policy(String name) {
        return Optional.ofNullable(byName.get(name)).map(registered -> registered.breaker.policy());
    }

    /**
     * Takes a breaker out of this registry: it no longer shows, nor tells the subscribers of its changes, and its
     * name is free. The guards that use it go on using it.
     *
     * @param name the breaker's name
     * @return whether a breaker was registered under it
     */
    public synchronized boolean remove(String name) {
        Registered removed = byName.remove(name);
        if (removed != null) {
            removed.removed = true;
        }
        return removed != null;
    }

    /**
     * Takes a breaker out of this registry as {@link #remove(String)} does, but only if it is still the one
     * registered under its name: for an owner replacing its own breaker, which must not remove a later one.
     *
     * @param name the breaker's name
     * @param breaker the breaker the caller registered
     * @return whether it was registered under the name, and is removed
     */
    public synchronized boolean remove(String name, CircuitBreaker breaker) {
        Registered registered = byName.get(name);
        return registered != null && registered.breaker == breaker && remove(name);
    }

    /**
     * Empties the registry for good, when its application stops: every breaker is removed, every subscription
     * ended, and registering a breaker afterwards throws {@link IllegalStateException}. Closing it again does nothing.
     *
     * @throws UnsupportedOperationException on the {@linkplain #global() global} registry
     */
    @Override
    public synchronized void close() {
        if (global) {
            throw new UnsupportedOperationException(
                    "the global circuit breaker registry lives as long as the JVM;"
                            + " remove its breakers by name, or give an application a registry of its own (create())");
        }
        closed = true;
        for (String name : List.copyOf(byName.keySet())) {
            remove(name);
        }
        subscribers.clear();
    }

    @Override
    public List<CircuitBreakerSnapshot> list() {
        return byName.values().stream().map(Registered::snapshot).toList();
    }

    @Override
    public Optional<CircuitBreakerSnapshot> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Registered::snapshot);
    }

    @Override
    public BreakerState state(String name) {
        return breaker(name).state();
    }

    @Override
    public void reset(String name) {
        breaker(name).reset();
    }

    @Override
    public void resetAll() {
        byName.values().forEach(registered -> registered.breaker.reset());
    }

    @Override
    public void forceOpen(String name) {
        breaker(name).forceOpen();
    }

    @Override
    public void holdOpen(String name) {
        breaker(name).holdOpen();
    }

    @Override
    public void holdClosed(String name) {
        breaker(name).holdClosed();
    }

    @Override
    public void disable(String name) {
        breaker(name).disable();
    }

    @Override
    public void forceClosed(String name) {
        breaker(name).forceClosed();
    }

    @Override
    public void holdFleet(String name, BreakerState state, Duration expiry) {
        Objects.requireNonNull(expiry, "expiry");
        fleetMember(name).hold(name, state, expiry);
    }

    @Override
    public void releaseFleet(String name) {
        fleetMember(name).release(name);
    }

    private FleetMember fleetMember(String name) {
        FleetMember member = breaker(name).fleetMember();
        if (member == null) {
            throw new IllegalStateException(
                    "circuit breaker '"
                            + name
                            + "' is not in fleet mode, so it cannot be held fleet-wide; allowed: a breaker in"
                            + " fleet mode ("
                            + (byName.values().stream()
                                    .filter(registered -> registered.breaker.fleetMember() != null)
                                    .map(registered -> registered.breaker.name())
                                    .toList())
                            + "), or holdOpen, holdClosed or disable for this replica's breaker alone");
        }
        return member;
    }

    @Override
    public Subscription subscribe(BreakerStateListener listener) {
        Objects.requireNonNull(listener, "listener");
        BreakerStateListener registered =
                listener::onStateChange; // a distinct object, so close() removes only it
        subscribers.add(registered);
        return () -> subscribers.remove(registered);
    }

    @Override
    public Subscription subscribe(String name, BreakerStateListener listener) {
        Objects.requireNonNull(listener, "listener");
        breaker(name); // fails on an unknown name now, not silently never
        return subscribe(
                change -> {
                    if (change.breaker().equals(name)) {
                        listener.onStateChange(change);
                    }
                });
    }

    private CircuitBreaker breaker(String name) {
        Registered registered = byName.get(name);
        if (registered == null) {
            throw new IllegalArgumentException(
                    "no circuit breaker is named '"
                            + name
                            + "'; the breakers are "
                            + byName.keySet());
        }
        return registered.breaker;
    }

    /**
     * Tells a listener of a change. One that throws is logged and skipped: a listener's bug must not fail the call
     * whose outcome changed the state, nor hide the change from the other listeners.
     */
    private static void tell(BreakerStateListener listener, BreakerStateChange change) {
        try {
            listener.onStateChange(change);
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "A listener failed on " + change + "; the others were told",
                    e);
        }
    }

    /**
     * One registered breaker, its users and their listeners. It relays the breaker's changes of state to those
     * listeners and to the registry's subscribers: only on changes, never on an ordinary call.
     */
    private final class Registered implements BreakerStateListener {
        final CircuitBreaker breaker;
        final boolean shared;
        final List<String> users = new CopyOnWriteArrayList<>();
        final List<BreakerStateListener> listeners = new CopyOnWriteArrayList<>();
        volatile boolean removed;

        /** Set before the breaker is handed out, so before any change of state. */
        private volatile OperationMetrics metered;

        Registered(String name, CircuitBreakerPolicy policy, boolean shared, ThreadPools timers) {
            this.shared = shared;
            // The breaker tells this object of changes; none can happen before the constructor has
            // returned.
            this.breaker = new CircuitBreaker(name, policy, this, timers);
        }

        void meter(BreakerMetrics metrics) {
            metered = metrics.register(breaker);
            breaker.registryMetrics(metered);
        }

        void add(String user, BreakerStateListener listener) {
            if (user != null) {
                users.add(user);
            }
            if (listener != BreakerStateListener.NONE) {
                listeners.add(listener);
            }
        }

        @Override
        public void onStateChange(BreakerStateChange change) {
            OperationMetrics openings = metered;
            if (openings != null && OperationMetrics.countsAsOpening(change.from(), change.to())) {
                openings.circuitBreakerOpened();
            }
            for (BreakerStateListener listener : listeners) {
                tell(listener, change);
            }
            if (!removed) {
                for (BreakerStateListener subscriber : subscribers) {
                    tell(subscriber, change);
                }
            }
        }

        CircuitBreakerSnapshot snapshot() {
            CircuitBreakerPolicy policy = breaker.policy();
            CircuitBreakerCounters counters = breaker.counters();
            return new CircuitBreakerSnapshot(
                    breaker.name(),
                    breaker.state(),
                    Duration.ofNanos(breaker.nanosInCurrentState()),
                    users.stream().sorted().toList(),
                    counters.succeeded(),
                    counters.failed(),
                    counters.rejected(),
                    counters.opened(),
                    policy.requestVolumeThreshold(),
                    policy.failureRatio(),
                    Duration.ofNanos(policy.delayNanos()),
                    policy.successThreshold(),
                    breaker.fleet().orElse(null));
        }
    }

    private static final class Global {
        static final CircuitBreakerRegistry INSTANCE = new CircuitBreakerRegistry(true);
    }
}
