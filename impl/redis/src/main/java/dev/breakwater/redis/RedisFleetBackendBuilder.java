package dev.breakwater.redis;

import dev.breakwater.redis.protocol.FleetProtocol;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Objects;

/** Builds a {@link RedisFleetBackend}; get one from {@link RedisFleetBackend#builder(RedisURI, String)}. */
public final class RedisFleetBackendBuilder {

    private final RedisURI uri;
    private final String application;
    private Duration commandTimeout = Duration.ofMillis(250);
    private Duration connectTimeout = Duration.ofSeconds(1);
    private SslOptions ssl;

    RedisFleetBackendBuilder(RedisURI uri, String application) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.application = Objects.requireNonNull(application, "application");
    }

    /**
     * @param timeout how long an exchange may wait for Redis before it fails (and counts towards the member's
     *                fallback to local breakers); 1 ms to 10 s, default 250 ms
     */
    public RedisFleetBackendBuilder commandTimeout(Duration timeout) {
        this.commandTimeout = Objects.requireNonNull(timeout, "commandTimeout");
        return this;
    }

    /**
     * @param timeout how long connecting and its handshake (AUTH, TLS) may take; the first exchange waits for it, later
     *                reconnections happen in the background; 1 ms to 10 s, default 1 s
     */
    public RedisFleetBackendBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
        return this;
    }

    /**
     * @param options the trust (and, for mutual TLS, the key) of a {@code rediss://} connection; by default the JVM's
     *                trust store
     */
    public RedisFleetBackendBuilder ssl(SslOptions options) {
        this.ssl = Objects.requireNonNull(options, "ssl");
        return this;
    }

    /**
     * Connects nothing yet: the first exchange connects, so an application starts (its breakers local) while Redis
     * is down.
     *
     * @return the backend, to give to a {@link dev.breakwater.core.FleetMember}, which closes it
     * @throws IllegalArgumentException naming every invalid option and what it allows
     */
    public RedisFleetBackend build() {
        FleetProtocol protocol = new FleetProtocol(application);
        String wrong = "";
        if (!within(commandTimeout)) {
            wrong += " commandTimeout(" + commandTimeout + ") is invalid; allowed: 1 ms to 10 s.";
        }
        if (!within(connectTimeout)) {
            wrong += " connectTimeout(" + connectTimeout + ") is invalid; allowed: 1 ms to 10 s.";
        }
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(
                    "Redis fleet backend '" + application + "':" + wrong);
        }
        ClientResources resources =
                ClientResources.builder()
                        .threadFactoryProvider(
                                pool -> new DefaultThreadFactory("breakwater-redis-" + pool, true))
                        .ioThreadPoolSize(1)
                        .computationThreadPoolSize(1)
                        .reconnectDelay(
                                Delay.exponential(
                                        Duration.ofMillis(10),
                                        Duration.ofSeconds(1),
                                        2,
                                        java.util.concurrent.TimeUnit.MILLISECONDS))
                        .build();
        ClientOptions.Builder options =
                ClientOptions.builder()
                        .protocolVersion(ProtocolVersion.RESP2)
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                        .socketOptions(
                                SocketOptions.builder()
                                        .connectTimeout(connectTimeout)
                                        .keepAlive(true)
                                        .build());
        if (ssl != null) {
            options.sslOptions(ssl);
        }
        // The URI's timeout bounds connecting and the handshake (AUTH, TLS); commands have the
        // command timeout.
        RedisURI target = RedisURI.builder(uri).withTimeout(connectTimeout).build();
        RedisClient client = RedisClient.create(resources, target);
        client.setOptions(options.build());
        return new RedisFleetBackend(resources, client, target, commandTimeout, protocol);
    }

    private static boolean within(Duration timeout) {
        return timeout.compareTo(Duration.ofMillis(1)) >= 0
                && timeout.compareTo(Duration.ofSeconds(10)) <= 0;
    }
}
