package dev.breakwater.cdi;

import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.redis.RedisFleetBackend;
import dev.breakwater.redis.RedisFleetBackendBuilder;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.io.File;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds a CDI container's fleet backend on Lettuce for {@link RedisUriFleetConnector}. The only class of this module
 * that names breakwater-redis and Lettuce, both optional: it is loaded only once the connector found breakwater-redis
 * on the class path.
 */
final class RedisFleetMembers {

    /** A class Netty 4.2 added and Lettuce 7.7's client resources start with. */
    private static final String NETTY_4_2_CLASS = "io.netty.channel.MultiThreadIoEventLoopGroup";

    private RedisFleetMembers() {}

    /**
     * @return why breakwater-redis cannot run on this class path, or empty when it can: its Lettuce 7.7 needs Netty
     *         4.2, and an application that brings an older Netty (Quarkus 3.34 brings 4.1) would otherwise start with
     *         a member whose thread dies at its first exchange
     */
    static Optional<String> clientProblem() {
        try {
            Class.forName(NETTY_4_2_CLASS, false, RedisURI.class.getClassLoader());
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError older) {
            return Optional.of(
                    "breakwater-redis runs on Lettuce 7.7, which needs Netty 4.2, and the class path has an"
                            + " older Netty ("
                            + NETTY_4_2_CLASS
                            + " is missing; Quarkus 3.34 brings Netty 4.1)");
        }
    }

    /**
     * @param uri a Redis URI as configured
     * @return why Lettuce cannot read it, or empty when it can
     */
    static Optional<String> uriProblem(String uri) {
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            return Optional.of("neither redis:// nor rediss://");
        }
        try {
            RedisURI.create(uri);
            return Optional.empty();
        } catch (IllegalArgumentException unreadable) {
            return Optional.of(unreadable.getMessage());
        }
    }

    /**
     * @param uri the server's URI, valid
     * @param application the application's name, valid
     * @param tlsCaFile the PEM file of the CA to trust, or {@code null} for the JVM's trusted CAs
     * @param commandTimeout how long an exchange waits for Redis's answer, valid
     * @param connectTimeout how long connecting may take, valid
     * @return the backend of a container's member; nothing has connected yet
     */
    static FleetBackend backend(
            String uri,
            String application,
            String tlsCaFile,
            Duration commandTimeout,
            Duration connectTimeout) {
        RedisFleetBackendBuilder backend =
                RedisFleetBackend.builder(RedisURI.create(uri), application)
                        .commandTimeout(commandTimeout)
                        .connectTimeout(connectTimeout);
        if (tlsCaFile != null) {
            backend.ssl(
                    SslOptions.builder()
                            .jdkSslProvider()
                            .trustManager(new File(tlsCaFile))
                            .build());
        }
        return backend.build();
    }
}
