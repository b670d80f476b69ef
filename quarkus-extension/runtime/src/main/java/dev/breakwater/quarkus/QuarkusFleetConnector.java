package dev.breakwater.quarkus;

import dev.breakwater.cdi.FleetConnector;
import dev.breakwater.cdi.FleetSettings;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.redis.protocol.FleetProtocol;
import io.quarkus.arc.Arc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus's way to Redis for fleet mode: Quarkus's own Redis client (quarkus-redis-client, which the application
 * adds), configured by {@code quarkus.redis.*}, the default client or the one {@code redis-client} names. The
 * Lettuce settings of a CDI container ({@code redis-uri}, {@code tls-ca-file}) fail the start, naming the Quarkus key
 * to use instead. This class does not name the Redis client's classes, so it loads without them; at build time and
 * while the definitions are read it checks that they are there, once the application has started its clients also
 * that the client exists, is active and is standalone.
 */
public final class QuarkusFleetConnector implements FleetConnector {

    static final String REDIS_CLIENT = "redis-client";
    private static final String REDIS_CLASS = "io.vertx.redis.client.Redis";
    private static final String ARTIFACT = "io.quarkus:quarkus-redis-client";

    private final ClassLoader loader;

    private QuarkusFleetConnector(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * @param loader the application's class loader
     * @return the connector the build validates the settings with; the build never asks for {@link #clientProblems}
     */
    public static QuarkusFleetConnector atBuild(ClassLoader loader) {
        return new QuarkusFleetConnector(loader);
    }

    /** @return the connector the application starts its member with */
    static QuarkusFleetConnector atStart() {
        return new QuarkusFleetConnector(QuarkusFleetConnector.class.getClassLoader());
    }

    @Override
    public Set<String> settings() {
        return Set.of(REDIS_CLIENT);
    }

    @Override
    public Map<String, String> otherPlatformsSettings() {
        return Map.of(
                "redis-uri",
                "on Quarkus, fleet mode connects through Quarkus's Redis client, configured by quarkus.redis.*;"
                        + " allowed: remove the key and set quarkus.redis.hosts (redis://[user:password@]host:port, or"
                        + " rediss://... for TLS), or quarkus.redis.<name>.hosts with quarkus.breakwater.fleet.redis-client=<name>",
                "tls-ca-file",
                "on Quarkus, fleet mode connects through Quarkus's Redis client, configured by quarkus.redis.*;"
                        + " allowed: remove the key and configure TLS with quarkus.redis.tls-configuration-name (a TLS"
                        + " configuration of quarkus.tls.*) and a rediss:// host");
    }

    /** Whether Quarkus's Redis client is in the application at all. */
    @Override
    public List<String> problems(FleetSettings settings) {
        if (redisClientPresent()) {
            return List.of();
        }
        return List.of(
                settings.enabledBy()
                        + " in fleet mode, which on Quarkus needs Quarkus's Redis client: "
                        + ARTIFACT
                        + " is not in the application; allowed: add the extension "
                        + ARTIFACT
                        + " and set quarkus.redis.hosts, or remove the key");
    }

    /** Whether the client the settings name exists, is active and is a standalone Redis, once it is started. */
    @Override
    public List<String> clientProblems(FleetSettings settings) {
        List<String> problems = new ArrayList<>();
        String client = client(settings);
        String typeKey = clientKey(client, "client-type");
        ConfigProvider.getConfig()
                .getOptionalValue(typeKey, String.class)
                .filter(type -> !type.equalsIgnoreCase("standalone"))
                .ifPresent(
                        type ->
                                problems.add(
                                        settings.enabledBy()
                                                + " in fleet mode on Quarkus's Redis client "
                                                + client
                                                + ", whose "
                                                + typeKey
                                                + " = '"
                                                + type
                                                + "' is not supported: fleet mode needs a standalone Redis, since one"
                                                + " exchange runs one script on the keys of all the application's"
                                                + " breakers (a Redis Cluster spreads them over slots); allowed:"
                                                + " standalone (the default), if need be on a client of its own"
                                                + " named by quarkus.breakwater.fleet.redis-client"));
        Arc.container()
                .instance(FleetRedisClients.class)
                .get()
                .problem(client)
                .ifPresent(
                        problem ->
                                problems.add(
                                        settings.enabledBy()
                                                + " in fleet mode on Quarkus's Redis client "
                                                + client
                                                + (client.equals(FleetRedisClients.DEFAULT)
                                                        ? ""
                                                        : " (config key "
                                                                + settings.key(REDIS_CLIENT)
                                                                + ")")
                                                + ", which cannot be used: "
                                                + problem
                                                + "; allowed: "
                                                + hostsKey(client)
                                                + " set to the Redis server,"
                                                + " redis://[user:password@]host:port"));
        return problems;
    }

    @Override
    public FleetBackend backend(FleetSettings settings) {
        String client = client(settings);
        return new QuarkusRedisFleetBackend(
                Arc.container().instance(FleetRedisClients.class).get().client(client),
                client,
                new FleetProtocol(settings.application()),
                settings.commandTimeout(),
                settings.connectTimeout());
    }

    private static String client(FleetSettings settings) {
        return settings.value(REDIS_CLIENT).orElse(FleetRedisClients.DEFAULT);
    }

    private static String hostsKey(String client) {
        return clientKey(client, "hosts");
    }

    /** @return the key of one of a Quarkus Redis client's settings */
    private static String clientKey(String client, String setting) {
        return client.equals(FleetRedisClients.DEFAULT)
                ? "quarkus.redis." + setting
                : "quarkus.redis." + client + "." + setting;
    }

    private boolean redisClientPresent() {
        try {
            Class.forName(REDIS_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
