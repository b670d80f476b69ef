package dev.breakwater.redis;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.redis.protocol.FleetProtocol;
import dev.breakwater.redis.protocol.ScriptCall;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Fleet mode's store on Redis (standalone, 7.0 or later), through Lettuce, which only carries what
 * {@link FleetProtocol} says and reads. Every exchange is one {@code EVALSHA} of one Lua script that applies {@link FleetBackend}'s rules atomically for all the reported breakers on the server's
 * clock ({@code TIME}) and announces changes on the channel {@code breakwater:<application>:transitions}; the keys
 * are {@code breakwater:<application>:breaker:<name>:state|window|hold} and, for rate limiters,
 * {@code breakwater:<application>:limiter:<name>}, each with an expiry. Commands time out
 * after the {@linkplain RedisFleetBackendBuilder#commandTimeout(Duration) command timeout}, and fail at once while
 * the connection is down (Lettuce reconnects in the background), so a member's exchange never waits longer. Build
 * one with {@link #builder(RedisURI, String)}; AUTH (password or ACL user) and TLS come with the {@link RedisURI}.
 */
public final class RedisFleetBackend implements FleetBackend {

    private static final System.Logger LOG = System.getLogger(RedisFleetBackend.class.getName());

    private final ClientResources resources;
    private final RedisClient client;
    private final Duration commandTimeout;
    private final FleetProtocol protocol;
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
            FleetProtocol protocol) {
        this.resources = resources;
        this.client = client;
        this.uri = uri;
        this.commandTimeout = commandTimeout;
        this.protocol = protocol;
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
        ScriptCall exchange = protocol.exchange(instance, reports, leases);
        Object reply = call("exchange", redis -> run(redis, exchange, ScriptOutputType.MULTI));
        subscribe();
        return protocol.readExchange(exchange, reply);
    }

    @Override
    public void hold(String breaker, BreakerState state, Duration expiry) {
        ScriptCall hold = protocol.hold(breaker, state, expiry);
        call("hold", redis -> run(redis, hold, ScriptOutputType.INTEGER));
    }

    @Override
    public void release(String breaker) {
        ScriptCall release = protocol.release(breaker);
        call("release", redis -> run(redis, release, ScriptOutputType.INTEGER));
    }

    @Override
    public long serverTimeMillis() {
        return FleetProtocol.readTime(call("time", RedisCommands::time));
    }

    /** Runs the script by its digest, and sends it whole only when Redis does not know it. */
    private Object run(
            RedisCommands<String, String> redis, ScriptCall call, ScriptOutputType output) {
        String[] scriptKeys = call.keys().toArray(String[]::new);
        String[] args = call.args().toArray(String[]::new);
        try {
            return redis.evalsha(protocol.script().digest(), output, scriptKeys, args);
        } catch (RedisNoScriptException unknown) {
            return redis.eval(protocol.script().source(), output, scriptKeys, args);
        }
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
                                    .subscribe(protocol.channel())
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
