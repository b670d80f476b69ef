package dev.breakwater.cdi;

import dev.breakwater.core.FleetMember;
import dev.breakwater.core.FleetMemberBuilder;
import dev.breakwater.redis.RedisFleetBackend;
import dev.breakwater.redis.RedisFleetBackendBuilder;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.io.File;
import java.util.Optional;

/**
 * Starts a container's fleet member on Redis from its {@link FleetSettings}. The only class of this module that
 * names breakwater-redis and Lettuce, both optional: it is loaded only once the settings found breakwater-redis on
 * the class path.
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
     * @param settings valid settings with fleet mode on
     * @return a running member (its thread {@code breakwater-fleet-*}); nothing has connected yet
     */
    static FleetMember start(FleetSettings settings) {
        RedisFleetBackendBuilder backend =
                RedisFleetBackend.builder(
                        RedisURI.create(settings.redisUri()), settings.application());
        if (settings.tlsCaFile() != null) {
            backend.ssl(
                    SslOptions.builder()
                            .jdkSslProvider()
                            .trustManager(new File(settings.tlsCaFile()))
                            .build());
        }
        FleetMemberBuilder member = FleetMember.builder(backend.build());
        if (settings.instance() != null) {
            member.instance(settings.instance());
        }
        if (settings.quorum() != null) {
            member.quorum(settings.quorum());
        }
        if (settings.flushInterval() != null) {
            member.flushInterval(settings.flushInterval());
        }
        return member.start();
    }
}
