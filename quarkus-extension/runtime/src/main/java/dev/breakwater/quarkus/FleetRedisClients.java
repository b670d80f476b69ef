package dev.breakwater.quarkus;

import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.client.RedisClientName;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The application's Quarkus Redis clients, for fleet mode: added by the build only when quarkus-redis-client is in the
 * application. Its injection points are also what makes Quarkus create the clients (it creates only those something
 * asks for): the default one, and each named one whose {@code quarkus.redis.<name>.hosts} the build sees.
 */
@Singleton
public class FleetRedisClients {

    /** The default client's name, as Quarkus's configuration calls it. */
    static final String DEFAULT = "<default>";

    /** The default client, which Quarkus creates for this injection point. */
    @Inject InjectableInstance<Redis> defaultClient;

    /** The named clients, which Quarkus creates for this one when their hosts are configured. */
    @Inject @Any InjectableInstance<Redis> clients;

    /**
     * @param name a client's name, {@link #DEFAULT} for the default one
     * @return why the client cannot be used, or empty when it can
     */
    Optional<String> problem(String name) {
        InjectableInstance<Redis> client = select(name);
        if (client.isUnsatisfied()) {
            return Optional.of(
                    "the application has no Quarkus Redis client named '"
                            + name
                            + "' (Quarkus creates a named client only when quarkus.redis."
                            + name
                            + ".hosts is set when the application is built)");
        }
        ActiveResult active = client.getHandle().getBean().checkActive();
        return active.value()
                ? Optional.empty()
                : Optional.of(
                        "Quarkus's Redis client "
                                + name
                                + " is not active: "
                                + active.inactiveReason().strip());
    }

    /**
     * @param name a client's name, {@link #DEFAULT} for the default one; one without a {@linkplain #problem problem}
     * @return the client
     */
    Redis client(String name) {
        return select(name).get();
    }

    private InjectableInstance<Redis> select(String name) {
        return DEFAULT.equals(name)
                ? defaultClient
                : clients.select(RedisClientName.Literal.of(name));
    }
}
