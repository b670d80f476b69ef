package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code redis-uri} and {@code tls-ca-file}, the Lettuce settings of fleet mode on a CDI container, fail the start on
 * Quarkus, where Quarkus's Redis client connects: each message names the key, its value (without the password) and
 * the Quarkus key to use instead.
 */
class FleetLettuceKeysOnQuarkusTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            FleetModeTest.Gateway.class,
                                            FleetModeTest.class,
                                            FleetRedis.class))
                    .overrideConfigKey("quarkus.redis.hosts", "redis://127.0.0.1:1")
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", FleetModeTest.BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", "lettuce-keys")
                    .overrideConfigKey(
                            "quarkus.breakwater.fleet.redis-uri",
                            "redis://breakwater:secret@redis.internal:6379")
                    .overrideConfigKey("quarkus.breakwater.fleet.tls-ca-file", "/etc/ca.pem")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "config key quarkus.breakwater.fleet.redis-uri ="
                                                            + " 'redis://***@redis.internal:6379' is not used here: on Quarkus, fleet mode"
                                                            + " connects through Quarkus's Redis client, configured by quarkus.redis.*; allowed:"
                                                            + " remove the key and set quarkus.redis.hosts",
                                                    "config key quarkus.breakwater.fleet.tls-ca-file = '/etc/ca.pem' is not used here:",
                                                    "allowed: remove the key and configure TLS with"
                                                            + " quarkus.redis.tls-configuration-name")
                                            .doesNotContain("secret"));

    @Test
    void theStartFailsNamingEachKeyAndWhatToSetInstead() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }
}
