package dev.breakwater.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetRules;
import dev.breakwater.core.fleet.FleetUnavailableException;
import dev.breakwater.core.fleet.FleetView;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis that wants credentials: a password ({@code requirepass}), an ACL user with only the rules
 * {@code docs/cluster.md} lists, and TLS (Debian's redis-server is built with it).
 */
class RedisSecurityTest {

    /** The least-privilege ACL rules of docs/cluster.md, for the application "shop". */
    static final List<String> ACL_RULES =
            List.of(
                    "on",
                    ">fleet-password",
                    "resetchannels",
                    "~breakwater:shop:*",
                    "&breakwater:shop:transitions",
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

    private static final FleetRules RULES = new FleetRules(20, 0.5, 2, 10_000, 60_000, 1, 5_000);

    /** An exchange for a breaker and a rate limiter, so that the script's commands for both run under the rules. */
    private static FleetView exchange(RedisFleetBackend backend) {
        FleetReply reply =
                backend.exchange(
                        "a",
                        List.of(new FleetReport("gateway", RULES, 1, 0, 0, 0, 0, 0)),
                        List.of(new FleetLeaseRequest("api", 10, 60_000, 1, 1, 60_000, 60_000)));
        assertThat(reply.leases()).singleElement().extracting(FleetLease::instances).isEqualTo(1);
        return reply.views().get(0);
    }

    private static RedisFleetBackend backend(RedisURI uri) {
        return RedisFleetBackend.builder(uri, "shop")
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Test
    void aPasswordProtectedRedisServesTheFleetWithThePassword() throws Exception {
        try (RedisServer server =
                RedisServer.startWithCli(
                        List.of("-a", "s3cret", "--no-auth-warning"), "--requirepass", "s3cret")) {
            RedisURI withPassword =
                    RedisURI.builder(server.uri()).withPassword("s3cret".toCharArray()).build();
            try (RedisFleetBackend backend = backend(withPassword)) {
                assertThat(exchange(backend).windowCalls()).isEqualTo(1);
            }
            try (RedisFleetBackend backend = backend(server.uri())) {
                assertThatThrownBy(() -> exchange(backend))
                        .isInstanceOf(FleetUnavailableException.class);
            }
        }
    }

    @Test
    void anAclUserWithTheDocumentedRulesServesTheFleetAndCanDoNothingElse() throws Exception {
        List<String> users =
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
        users.addAll(ACL_RULES);
        try (RedisServer server =
                RedisServer.startWithCli(
                        List.of("--user", "admin", "--pass", "admin-password", "--no-auth-warning"),
                        users.toArray(String[]::new))) {
            RedisURI asFleet =
                    RedisURI.builder(server.uri())
                            .withAuthentication("breakwater", "fleet-password".toCharArray())
                            .build();
            try (RedisFleetBackend backend = backend(asFleet)) {
                backend.hold("gateway", BreakerState.HELD_CLOSED, Duration.ofMinutes(1));
                assertThat(exchange(backend).state()).isEqualTo(BreakerState.HELD_CLOSED);
                backend.release("gateway");
                assertThat(exchange(backend).state()).isEqualTo(BreakerState.CLOSED);
                assertThat(backend.serverTimeMillis()).isPositive();
            }
            try (RedisFleetBackend other =
                    RedisFleetBackend.builder(asFleet, "billing")
                            .connectTimeout(Duration.ofSeconds(10))
                            .build()) {
                assertThatThrownBy(() -> exchange(other))
                        .as("another application's keys")
                        .isInstanceOf(FleetUnavailableException.class)
                        .hasMessageContaining("NOPERM");
            }
            String asUser = "--user breakwater --pass fleet-password --no-auth-warning";
            assertThat(cliAs(server, asUser, "FLUSHALL")).contains("NOPERM");
            assertThat(cliAs(server, asUser, "GET", "sessions:1")).contains("NOPERM");
            assertThat(cliAs(server, asUser, "KEYS", "*")).contains("NOPERM");
            assertThat(cliAs(server, asUser, "CONFIG", "GET", "*")).contains("NOPERM");
        }
    }

    private static String cliAs(RedisServer server, String user, String... args) throws Exception {
        List<String> command =
                new java.util.ArrayList<>(
                        List.of(
                                "redis-cli",
                                "-h",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(server.port())));
        command.addAll(List.of(user.split(" ")));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(cli.getInputStream().readAllBytes());
    }

    @Test
    void aRedisOverTlsServesTheFleetWithTheCertificateAuthorityTrusted(@TempDir Path dir)
            throws Exception {
        Path ca = dir.resolve("ca.crt");
        Path cert = dir.resolve("redis.crt");
        Path key = dir.resolve("redis.key");
        TestCertificates.issue(dir);
        try (RedisServer server =
                RedisServer.startWithCli(
                        List.of("--tls", "--cacert", ca.toString()),
                        "--port",
                        "0",
                        "--tls-port",
                        "{port}",
                        "--tls-cert-file",
                        cert.toString(),
                        "--tls-key-file",
                        key.toString(),
                        "--tls-ca-cert-file",
                        ca.toString(),
                        "--tls-auth-clients",
                        "no")) {
            RedisURI overTls =
                    RedisURI.builder(server.uri()).withSsl(true).withVerifyPeer(true).build();
            try (RedisFleetBackend backend =
                    RedisFleetBackend.builder(overTls, "shop")
                            .connectTimeout(Duration.ofSeconds(10))
                            .ssl(
                                    SslOptions.builder()
                                            .jdkSslProvider()
                                            .trustManager(ca.toFile())
                                            .build())
                            .build()) {
                assertThat(exchange(backend).windowCalls()).isEqualTo(1);
            }
            try (RedisFleetBackend untrusting = backend(overTls)) {
                assertThatThrownBy(() -> exchange(untrusting))
                        .as("a certificate the JVM does not trust")
                        .isInstanceOf(FleetUnavailableException.class);
            }
            assertThat(server.cli("GET", "breakwater:shop:breaker:gateway:window"))
                    .contains("WRONGTYPE");
        }
    }
}
