package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerName;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fleet mode on Quarkus's Redis client as an ACL user with exactly the least-privilege rules of docs/cluster.md (the
 * Lettuce backend's: Quarkus's client connects with them too): the member's counts reach Redis, with the user and
 * password in {@code quarkus.redis.hosts}, and the user can touch no other application's keys.
 */
@Timeout(60)
class FleetAclTest {

    static final String BREAKER = "acl-gateway";
    static final String APPLICATION = "quarkus-acl";
    private static final String REDIS = "acl";

    /** docs/cluster.md's rules for the application. */
    static final List<String> RULES =
            List.of(
                    "on",
                    ">fleet-password",
                    "resetchannels",
                    "~breakwater:" + APPLICATION + ":*",
                    "&breakwater:" + APPLICATION + ":transitions",
                    "-@all",
                    "+evalsha",
                    "+eval",
                    "+time",
                    "+subscribe",
                    "+ping",
                    "+type",
                    "+hmget",
                    "+hset",
                    "+hincrby",
                    "+hgetall",
                    "+hdel",
                    "+hlen",
                    "+pexpire",
                    "+get",
                    "+pttl",
                    "+set",
                    "+del",
                    "+publish");

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Gateway.class, FleetRedis.class))
                    .overrideConfigKey(
                            "quarkus.redis.hosts",
                            "redis://breakwater:fleet-password@127.0.0.1:" + server())
                    .overrideConfigKey("quarkus.breakwater.fleet.breakers", BREAKER)
                    .overrideConfigKey("quarkus.breakwater.fleet.application", APPLICATION)
                    .overrideConfigKey("quarkus.breakwater.fleet.flush-interval", "50ms");

    @Inject Gateway gateway;

    static String server() {
        List<String> options =
                new java.util.ArrayList<>(
                        List.of(
                                "--user",
                                "default",
                                "off",
                                "--user",
                                "admin",
                                "on",
                                ">admin-password",
                                "~*",
                                "&*",
                                "+@all",
                                "--user",
                                "breakwater"));
        options.addAll(RULES);
        return FleetRedis.start(
                REDIS,
                List.of("--user", "admin", "--pass", "admin-password", "--no-auth-warning"),
                options.toArray(String[]::new));
    }

    @Test
    void theLeastPrivilegedUserCarriesTheFleetAndNoOtherApplicationsKeys() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.call()).isEqualTo("paid");
        }

        assertThat(
                        FleetRedis.eventually(
                                () -> FleetRedis.windowSum(REDIS, APPLICATION, BREAKER, 'c') == 3))
                .isTrue();
        assertThat(
                        FleetRedis.cli(
                                REDIS,
                                List.of(
                                        "ACL",
                                        "DRYRUN",
                                        "breakwater",
                                        "GET",
                                        "breakwater:other:x")))
                .singleElement()
                .asString()
                .contains("no permissions");
    }

    @ApplicationScoped
    static class Gateway {

        @CircuitBreaker(requestVolumeThreshold = 4, delay = 60_000)
        @BreakerName(BREAKER)
        String call() {
            return "paid";
        }
    }
}
