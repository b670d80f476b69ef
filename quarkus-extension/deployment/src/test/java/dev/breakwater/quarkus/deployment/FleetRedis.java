package dev.breakwater.quarkus.deployment;

import dev.breakwater.redis.RedisServer;

/**
 * One real redis-server for the fleet tests of this JVM, started on a free loopback port when first asked for and
 * stopped by its shutdown hook. The port is kept in a system property because QuarkusUnitTest loads a test class
 * twice (once to build the application, once in the application's class loader): the second load finds the server
 * the first started.
 */
final class FleetRedis {

    private static final String PORT = "breakwater.test.fleet.redis.port";

    private FleetRedis() {}

    /** @return the URI of the running server, starting it if none runs yet */
    static synchronized String uri() {
        String port = System.getProperty(PORT);
        if (port == null) {
            try {
                port = Integer.toString(RedisServer.start().port());
            } catch (Exception e) {
                throw new IllegalStateException(
                        "redis-server did not start for the fleet tests", e);
            }
            System.setProperty(PORT, port);
        }
        return "redis://127.0.0.1:" + port;
    }
}
