package dev.breakwater.cdi;

import dev.breakwater.core.fleet.FleetBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a container's fleet member reaches Redis, which depends on the platform: on a CDI container, Lettuce
 * (breakwater-redis) at {@code breakwater.fleet.redis-uri} ({@link #redisUri()}); on Quarkus, Quarkus's own Redis
 * client, configured by {@code quarkus.redis.*}. The platform gives one to {@link GuardedMethodDefinitions}, which
 * reads the settings common to both ({@link FleetSettings}) and leaves the connection's to it.
 */
public interface FleetConnector {

    /**
     * @return the names of the settings under the fleet prefixes that say how this platform reaches Redis, such as
     *         {@code redis-uri}; with the common ones, the only names allowed
     */
    Set<String> settings();

    /**
     * @return the other platform's connection settings, each with why it is not used here and what to use instead,
     *         written as {@code <why>; allowed: <what instead>}: each one set fails the deployment
     */
    Map<String, String> otherPlatformsSettings();

    /**
     * Called once at deployment, when fleet mode is on.
     *
     * @param settings the fleet's settings as configured
     * @return every problem with reaching Redis as configured, each a whole message naming the key, the value and
     *         what is allowed; empty when there is none
     */
    List<String> problems(FleetSettings settings);

    /**
     * Called once at start, on the thread that starts the container, when fleet mode is on and {@link #problems}
     * found none: what only the started platform can tell, such as whether the client the settings name exists and
     * is active. {@link #problems} may run before the platform's clients are started.
     *
     * @param settings the fleet's settings as configured
     * @return every such problem, each a whole message as {@link #problems} writes them; empty when there is none
     */
    default List<String> clientProblems(FleetSettings settings) {
        return List.of();
    }

    /**
     * @param settings the fleet's settings, {@linkplain #problems without a problem}
     * @return the backend of the container's member, which closes it; nothing has connected yet
     */
    FleetBackend backend(FleetSettings settings);

    /** @return the connector of a CDI container: Lettuce (breakwater-redis) at {@code breakwater.fleet.redis-uri} */
    static FleetConnector redisUri() {
        return new RedisUriFleetConnector();
    }
}
