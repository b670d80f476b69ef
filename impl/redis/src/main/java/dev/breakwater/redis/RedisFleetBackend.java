package dev.breakwater.redis;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.core.fleet.FleetView;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fleet mode's store on Redis (standalone, 7.0 or later), through Lettuce. Every exchange is one {@code EVALSHA} of
 * one Lua script that applies {@link FleetBackend}'s rules atomically for all the reported breakers on the server's
 * clock ({@code TIME}) and announces changes on the channel {@code breakwater:<application>:transitions}; the keys
 * are {@code breakwater:<application>:breaker:<name>:state|window|hold} and, for rate limiters,
 * {@code breakwater:<application>:limiter:<name>}, each with an expiry. Commands time out
 * after the {@linkplain RedisFleetBackendBuilder#commandTimeout(Duration) command timeout}, and fail at once while
 * the connection is down (Lettuce reconnects in the background), so a member's exchange never waits longer. Build
 * one with {@link #builder(RedisURI, String)}; AUTH (password or ACL user) and TLS come with the {@link RedisURI}.
 */
public final class RedisFleetBackend implements FleetBackend {

    private static final System.Logger LOG = System.getLogger(RedisFleetBackend.class.getName());
    private static final int VALUES_PER_VIEW = 7;
    private static final int VALUES_PER_LEASE = 5;
    private static final BreakerState[] STATES = {
        BreakerState.CLOSED,
        BreakerState.OPEN,
        BreakerState.HALF_OPEN,
        BreakerState.HELD_OPEN,
        BreakerState.HELD_CLOSED
    };

    private final ClientResources resources;
    private final RedisClient client;
    private final Duration commandTimeout;
    private final FleetKeys keys;
    private final FleetScript script = new FleetScript();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();
    private StatefulRedisConnection<String, String> connection;
    private final RedisURI uri;

    /** Whether the announcements' connection is made or being made; guarded by this backend's monitor. */
    private boolean subscribing;

    private volatile boolean closed;

    RedisFleetBackend(
            ClientResources resources,
            RedisClient client,
            RedisURI uri,
            Duration commandTimeout,
            FleetKeys keys) {
        this.resources = resources;
        this.client = client;
        this.uri = uri;
        this.commandTimeout = commandTimeout;
        this.keys = keys;
    }

    /**
     * @param uri the server, with its password or ACL user and TLS ({@code rediss://}) if it needs them
     * @param application names this application's keys and channel ({@code breakwater:<application>:*}); 1 to 64
     *                    letters, digits, '.', '_' or '-'
     * @return a builder with the defaults: commands time out after 250 ms, connecting after 1 s
     */
    public static RedisFleetBackendBuilder builder(RedisURI uri, String application) {
        return new RedisFleetBackendBuilder(uri, application);
    }

    @Override
    public FleetReply exchange(
            String instance, List<FleetReport> reports, List<FleetLeaseRequest> leases) {
        String[] scriptKeys = new String[reports.size() * 3 + leases.size()];
        List<String> args = new ArrayList<>(5 + reports.size() * 13 + leases.size() * 7);
        args.add("x");
        args.add(keys.channel());
        args.add(instance);
        args.add(Integer.toString(reports.size()));
        for (int i = 0; i < reports.size(); i++) {
            FleetReport report = reports.get(i);
            System.arraycopy(keys.of(report.breaker()), 0, scriptKeys, i * 3, 3);
            FleetRules rules = report.rules();
            args.add(Integer.toString(rules.minimumCalls()));
            args.add(Double.toString(rules.failureRatio()));
            args.add(Integer.toString(rules.quorum()));
            args.add(Long.toString(rules.windowMillis() / 1000));
            args.add(Long.toString(rules.delayMillis()));
            args.add(Integer.toString(rules.successThreshold()));
            args.add(Long.toString(rules.probeLeaseMillis()));
            args.add(Long.toString(report.calls()));
            args.add(Long.toString(report.failures()));
            args.add(Long.toString(report.epoch()));
            args.add(Long.toString(report.probeSuccesses()));
            args.add(Long.toString(report.probeFailures()));
            args.add(Integer.toString(report.probesWanted()));
        }
        args.add(Integer.toString(leases.size()));
        for (int i = 0; i < leases.size(); i++) {
            FleetLeaseRequest lease = leases.get(i);
            scriptKeys[reports.size() * 3 + i] = keys.limiter(lease.limiter());
            args.add(Integer.toString(lease.limit()));
            args.add(Long.toString(lease.windowMillis()));
            args.add(Integer.toString(lease.wantedNow()));
            args.add(Integer.toString(lease.wantedNext()));
            args.add(Long.toString(lease.aheadMillis()));
            args.add(Long.toString(lease.presenceMillis()));
        }
        Object reply =
                call(
                        "exchange",
                        redis -> script.run(redis, scriptKeys, args.toArray(String[]::new)));
        subscribe();
        return read(reply, reports.size(), leases.size());
    }

    /** Reads the script's reply: the server's time, seven integers per breaker, then five per rate limiter. */
    private static FleetReply read(Object reply, int breakers, int limiters) {
        int expected = 1 + breakers * VALUES_PER_VIEW + limiters * VALUES_PER_LEASE;
        if (!(reply instanceof List<?> values) || values.size() != expected) {
            throw malformed("a list of " + expected + " integers", reply);
        }
        long[] numbers = new long[values.size()];
        for (int i = 0; i < numbers.length; i++) {
            if (!(values.get(i) instanceof Long number)) {
                throw malformed("integers only", reply);
            }
            numbers[i] = number;
        }
        List<FleetView> views = new ArrayList<>(breakers);
        for (int b = 0; b < breakers; b++) {
            int at = 1 + b * VALUES_PER_VIEW;
            long state = numbers[at];
            if (state < 0
                    || state >= STATES.length
                    || numbers[at + 3] > Integer.MAX_VALUE
                    || numbers[at + 6] > Integer.MAX_VALUE) {
                throw malformed("a state code from 0 to 4 and counts that fit an int", reply);
            }
            views.add(
                    new FleetView(
                            STATES[(int) state],
                            numbers[at + 1],
                            numbers[at + 2],
                            (int) numbers[at + 3],
                            numbers[at + 4],
                            numbers[at + 5],
                            (int) numbers[at + 6]));
        }
        List<FleetLease> leases = new ArrayList<>(limiters);
        for (int l = 0; l < limiters; l++) {
            int at = 1 + breakers * VALUES_PER_VIEW + l * VALUES_PER_LEASE;
            if (numbers[at + 1] > Integer.MAX_VALUE
                    || numbers[at + 2] > Integer.MAX_VALUE
                    || numbers[at + 4] > Integer.MAX_VALUE) {
                throw malformed("lease counts that fit an int", reply);
            }
            leases.add(
                    new FleetLease(
                            numbers[at],
                            (int) numbers[at + 1],
                            (int) numbers[at + 2],
                            numbers[at + 3],
                            (int) numbers[at + 4]));
        }
        return new FleetReply(numbers[0], views, leases);
    }

    private static FleetUnavailableException malformed(String expected, Object reply) {
        String shown = String.valueOf(reply);
        return new FleetUnavailableException(
                "Redis answered the fleet script with something other than "
                        + expected
                        + ": "
                        + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown),
                null);
    }

    @Override
    public void hold(String breaker, BreakerState state, Duration expiry) {
        if (!FleetBackend.holdable(state) || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException(
                    "a fleet hold of circuit breaker '"
                            + breaker
                            + "' in "
                            + state
                            + " for "
                            + expiry
                            + " is invalid; allowed: HELD_OPEN or HELD_CLOSED, for more than 0");
        }
        call(
                "hold",
                redis ->
                        script.runForInteger(
                                redis,
                                keys.of(breaker),
                                "h",
                                keys.channel(),
                                state.name(),
                                Long.toString(Math.max(1, expiry.toMillis()))));
    }

    @Override
    public void release(String breaker) {
        call(
                "release",
                redis -> script.runForInteger(redis, keys.of(breaker), "r", keys.channel()));
    }

    @Override
    public long serverTimeMillis() {
        Object time = call("time", RedisCommands::time);
        if (time instanceof List<?> parts && parts.size() == 2) {
            try {
                return Long.parseLong(String.valueOf(parts.get(0))) * 1000
                        + Long.parseLong(String.valueOf(parts.get(1))) / 1000;
            } catch (NumberFormatException e) {
                throw malformed("seconds and microseconds", time);
            }
        }
        throw malformed("seconds and microseconds", time);
    }

    @Override
    public void onTransition(Runnable callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    private interface Command {
        Object run(RedisCommands<String, String> redis);
    }

    /** Runs a command on the connection, connecting first if there is none yet; every failure is the store's. */
    private synchronized Object call(String what, Command command) {
        if (closed) {
            throw new FleetUnavailableException("the Redis fleet backend is closed", null);
        }
        try {
            if (connection == null) {
                StatefulRedisConnection<String, String> connected = client.connect();
                connected.setTimeout(commandTimeout);
                connection = connected;
            }
            return command.run(connection.sync());
        } catch (RuntimeException failure) {
            throw new FleetUnavailableException(
                    "Redis did not complete the fleet's "
                            + what
                            + " within "
                            + commandTimeout.toMillis()
                            + " ms: "
                            + failure,
                    failure);
        }
    }

    /**
     * Subscribes to the channel once the store has answered, without waiting for it: the member's thread never waits
     * on the announcements' connection. Lettuce subscribes again after each reconnection. A failure is only logged,
     * and retried after the next exchange: the exchange at every interval is the safety net.
     */
    private synchronized void subscribe() {
        if (subscribing || callbacks.isEmpty() || closed) {
            return;
        }
        subscribing = true;
        client.connectPubSubAsync(StringCodec.UTF8, uri)
                .whenComplete(
                        (pubSub, failure) -> {
                            if (failure != null) {
                                unsubscribed(null, failure);
                                return;
                            }
                            pubSub.addListener(
                                    new RedisPubSubAdapter<>() {
                                        @Override
                                        public void message(String channel, String message) {
                                            callbacks.forEach(Runnable::run);
                                        }
                                    });
                            pubSub.async()
                                    .subscribe(keys.channel())
                                    .whenComplete(
                                            (done, refused) -> {
                                                if (refused != null) {
                                                    unsubscribed(pubSub, refused);
                                                } else {
                                                    subscribed(pubSub);
                                                }
                                            });
                        });
    }

    /** The connection stays open until the client shuts down, unless the backend closed meanwhile. */
    private synchronized void subscribed(StatefulRedisPubSubConnection<String, String> pubSub) {
        if (closed) {
            pubSub.closeAsync();
        }
    }

    private synchronized void unsubscribed(
            StatefulRedisPubSubConnection<String, String> pubSub, Throwable failure) {
        subscribing = false;
        if (pubSub != null) {
            pubSub.closeAsync();
        }
        LOG.log(System.Logger.Level.DEBUG, "fleet announcements not subscribed yet: " + failure);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
