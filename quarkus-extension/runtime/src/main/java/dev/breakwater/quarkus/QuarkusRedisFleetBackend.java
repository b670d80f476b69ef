package dev.breakwater.quarkus;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.redis.protocol.FleetProtocol;
import dev.breakwater.redis.protocol.FleetScript;
import dev.breakwater.redis.protocol.ScriptCall;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Fleet mode's store on Quarkus's own Redis client (Vert.x, configured by {@code quarkus.redis.*}), which only
 * carries what {@link FleetProtocol} says and reads: the same script, keys and checks as breakwater-redis's Lettuce
 * backend. The member's thread sends each command and waits for its answer at most the command timeout
 * ({@code command-timeout}, 250 ms by default, as the Lettuce backend's; until Redis first answered, the connect
 * timeout, {@code connect-timeout}, 1 s by default, for connecting); one not answered by then is a failed exchange, and the caller of a guarded method never
 * waits on any of it. Waiting on an event-loop thread is refused: it would stall the client it waits for. The client
 * belongs to Quarkus, which connects, reconnects and closes it; this backend owns only its announcements'
 * connection, which {@link #close()} closes.
 */
final class QuarkusRedisFleetBackend implements FleetBackend {

    private static final Logger LOG = Logger.getLogger(QuarkusRedisFleetBackend.class);

    private final Redis redis;
    private final String clientName;
    private final FleetProtocol protocol;

    /** A member's exchange never waits longer for Redis. */
    private final Duration commandTimeout;

    /**
     * How long commands may wait until Redis has answered one, since the first has to wait for the client to connect
     * (and authenticate): as the Lettuce backend's connect timeout, for which its first exchange waits too.
     */
    private final Duration connectTimeout;

    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** The announcements' connection, subscribing or subscribed; guarded by this backend's monitor. */
    private RedisConnection announcements;

    /** Whether the announcements' connection is made or being made; guarded by this backend's monitor. */
    private boolean subscribing;

    private volatile boolean closed;

    /** Whether Redis has answered a command; until then commands wait the connect timeout. */
    private volatile boolean answered;

    /**
     * @param redis Quarkus's client
     * @param clientName its name, for messages
     * @param protocol the application's protocol
     * @param commandTimeout how long a command waits for its answer once Redis has answered one
     * @param connectTimeout how long a command waits for its answer until then
     */
    QuarkusRedisFleetBackend(
            Redis redis,
            String clientName,
            FleetProtocol protocol,
            Duration commandTimeout,
            Duration connectTimeout) {
        this.redis = redis;
        this.clientName = clientName;
        this.protocol = protocol;
        this.commandTimeout = commandTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public FleetReply exchange(
            String instance, List<FleetReport> reports, List<FleetLeaseRequest> leases) {
        ScriptCall exchange = protocol.exchange(instance, reports, leases);
        try {
            return protocol.readExchange(exchange, plain(run("exchange", exchange)));
        } finally {
            subscribe();
        }
    }

    @Override
    public void hold(String breaker, BreakerState state, Duration expiry) {
        run("hold", protocol.hold(breaker, state, expiry));
    }

    @Override
    public void release(String breaker) {
        run("release", protocol.release(breaker));
    }

    @Override
    public long serverTimeMillis() {
        return FleetProtocol.readTime(plain(await("time", Request.cmd(Command.TIME))));
    }

    @Override
    public void onTransition(Runnable callback) {
        callbacks.add(Objects.requireNonNull(callback, "callback"));
    }

    /** Runs the script by its digest, and sends it whole only when Redis does not know it. */
    private Response run(String what, ScriptCall call) {
        FleetScript script = protocol.script();
        try {
            return await(what, script(Command.EVALSHA, script.digest(), call));
        } catch (NoScript unknown) {
            return await(what, script(Command.EVAL, script.source(), call));
        }
    }

    private static Request script(Command command, String script, ScriptCall call) {
        Request request = Request.cmd(command).arg(script).arg(call.keys().size());
        call.keys().forEach(request::arg);
        call.args().forEach(request::arg);
        return request;
    }

    /** Sends a command and waits for its answer at most the command timeout; every failure is the store's. */
    private Response await(String what, Request request) {
        if (closed) {
            throw new FleetUnavailableException("the Redis fleet backend is closed", null);
        }
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException(
                    "the fleet's "
                            + what
                            + " waits for Redis, which must not happen on an event-loop thread ("
                            + Thread.currentThread().getName()
                            + "); a fleet member calls it from its own thread");
        }
        Future<Response> answer = redis.send(request);
        Duration timeout = answered ? commandTimeout : connectTimeout;
        try {
            Response response =
                    answer.toCompletionStage()
                            .toCompletableFuture()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            answered = true;
            return response;
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (FleetScript.unknown(cause.getMessage())) {
                throw new NoScript();
            }
            throw unavailable(what, timeout, cause.toString(), cause);
        } catch (TimeoutException late) {
            throw unavailable(what, timeout, "no answer", late);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable(what, timeout, "interrupted", interrupted);
        }
    }

    private FleetUnavailableException unavailable(
            String what, Duration timeout, String why, Throwable cause) {
        return new FleetUnavailableException(
                "Redis (Quarkus's Redis client "
                        + clientName
                        + ") did not complete the fleet's "
                        + what
                        + " within "
                        + timeout.toMillis()
                        + " ms: "
                        + why,
                cause);
    }

    /**
     * @return the reply as {@link FleetProtocol} reads it: a list for an array, a {@link Long} for an integer, the
     *         text of anything else, so that the protocol refuses what is not its shape
     */
    private static Object plain(Response response) {
        if (response == null) {
            return null;
        }
        if (response.type() == ResponseType.MULTI) {
            List<Object> values = new ArrayList<>(response.size());
            for (Response value : response) {
                values.add(plain(value));
            }
            return values;
        }
        if (response.type() == ResponseType.NUMBER && response.toNumber() instanceof Long number) {
            return number;
        }
        return response.toString();
    }

    /**
     * Subscribes to the channel at an exchange, answered or not, without waiting for it: the member's thread never
     * waits on the announcements' connection, and a first exchange that timed out while the client connected (a member
     * with a long flush interval would wait a whole interval for the next one) does not keep the announcements away.
     * Connecting is asynchronous and one at a time; when the connection ends or fails it is dropped, and made again at
     * the next exchange: the exchange at every interval is the safety net meanwhile.
     */
    private synchronized void subscribe() {
        if (subscribing || callbacks.isEmpty() || closed) {
            return;
        }
        subscribing = true;
        redis.connect()
                .onSuccess(this::connected)
                .onFailure(failure -> unsubscribed(null, failure));
    }

    /** The announcements' connection is made: it becomes the one, and subscribes. */
    private synchronized void connected(RedisConnection connection) {
        if (closed) {
            connection.close();
            return;
        }
        announcements = connection;
        connection.handler(this::announced);
        connection.exceptionHandler(failure -> unsubscribed(connection, failure));
        connection.endHandler(ended -> unsubscribed(connection, null));
        connection
                .send(Request.cmd(Command.SUBSCRIBE).arg(protocol.channel()))
                .onFailure(refused -> unsubscribed(connection, refused));
    }

    /** A message on the channel wakes the member; the subscription's confirmations are not messages. */
    private void announced(Response push) {
        if (push != null
                && push.size() >= 3
                && "message".equalsIgnoreCase(String.valueOf(push.get(0)))) {
            callbacks.forEach(Runnable::run);
        }
    }

    /**
     * The announcements' connection could not be made, or the one made ended or failed: it is dropped, and made
     * again after the next exchange. News of a connection already dropped is ignored, so that at most one exists.
     */
    private synchronized void unsubscribed(RedisConnection connection, Throwable failure) {
        if (connection != null && connection != announcements) {
            return;
        }
        subscribing = false;
        announcements = null;
        if (connection != null) {
            connection.close();
        }
        LOG.debugf("fleet announcements not subscribed (yet): %s", failure);
    }

    @Override
    public void close() {
        RedisConnection open;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            open = announcements;
            announcements = null;
        }
        if (open != null) {
            open.close();
        }
    }

    /** Redis does not know the script: it is sent whole. */
    private static final class NoScript extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NoScript() {
            super(null, null, false, false);
        }
    }
}
