package dev.breakwater.cdi;

import dev.breakwater.core.fleet.FleetBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CDI container's way to Redis: breakwater-redis (Lettuce) at {@code breakwater.fleet.redis-uri}, trusting
 * {@code tls-ca-file} if set. breakwater-redis is optional: this class only checks that it is there, and
 * {@link RedisFleetMembers}, which names it, is loaded after that.
 */
final class RedisUriFleetConnector implements FleetConnector {

    static final String REDIS_URI = "redis-uri";
    static final String TLS_CA_FILE = "tls-ca-file";
    private static final String REDIS_CLASS = "dev.breakwater.redis.RedisFleetBackend";

    @Override
    public Set<String> settings() {
        return Set.of(REDIS_URI, TLS_CA_FILE);
    }

    @Override
    public Map<String, String> otherPlatformsSettings() {
        return Map.of(
                "redis-client",
                "it names a Quarkus Redis client, and on a CDI container fleet mode connects with Lettuce (breakwater-redis);"
                        + " allowed: remove the key and set the server with "
                        + REDIS_URI
                        + " under the same prefix");
    }

    @Override
    public List<String> problems(FleetSettings settings) {
        List<String> problems = new ArrayList<>();
        String uri = settings.value(REDIS_URI).orElse(null);
        if (uri == null) {
            problems.add(
                    settings.missing(
                            REDIS_URI,
                            "the Redis server's URI: redis://[user:password@]host:port, or rediss://..."
                                    + " for TLS"));
        }
        if (!redisPresent()) {
            problems.add(
                    settings.enabledBy()
                            + " in fleet"
                            + " mode, which needs Redis: dev.breakwater:breakwater-redis is not on the class path; allowed:"
                            + " add the artifact dev.breakwater:breakwater-redis to the application, or remove the key");
            return problems;
        }
        RedisFleetMembers.clientProblem()
                .ifPresent(
                        problem ->
                                problems.add(
                                        settings.enabledBy()
                                                + " in fleet mode, which cannot run here: "
                                                + problem
                                                + "; allowed: fleet mode on a class path with Netty 4.2 (a CDI container without an"
                                                + " older Netty); on Quarkus, add io.quarkus:quarkus-redis-client rather than breakwater-redis"));
        if (uri != null) {
            RedisFleetMembers.uriProblem(uri)
                    .ifPresent(
                            problem ->
                                    problems.add(
                                            settings.invalid(
                                                    REDIS_URI,
                                                    uri,
                                                    "redis://[user:password@]host:port, or rediss://... for TLS ("
                                                            + problem
                                                            + ")")));
        }
        return problems;
    }

    @Override
    public FleetBackend backend(FleetSettings settings) {
        return RedisFleetMembers.backend(
                settings.value(REDIS_URI).orElseThrow(),
                settings.application(),
                settings.value(TLS_CA_FILE).orElse(null),
                settings.commandTimeout(),
                settings.connectTimeout());
    }

    private static boolean redisPresent() {
        try {
            Class.forName(REDIS_CLASS, false, RedisUriFleetConnector.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
