package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.FleetBreakerSnapshot;
import dev.breakwater.api.FleetRateLimiterSnapshot;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.core.FleetMember;
import dev.breakwater.redis.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.faulttolerance.api.RateLimitType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Annotated breakers join the fleet through config ({@code breakwater.fleet.*}): two Weld containers, replicas of
 * one application on a real redis-server, open a breaker together from their summed failures, which neither would
 * open alone; a typo or an invalid value among the fleet keys fails the deployment; without fleet keys there is no
 * member.
 */
@org.junit.jupiter.api.Timeout(60)
class FleetModeOnWeldTest {

    private static final String BREAKER = Gateway.class.getName() + "#call";
    private static final String RATE_LIMIT = Limited.class.getName() + "#call";
    private static final String ROLLING = Rolling.class.getName() + "#call";
    private static final int LIMIT = 40;
    private static final long LIMIT_WINDOW_MILLIS = 500;
    private static RedisServer redis;
    private final List<WeldContainer> containers = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void stop() {
        containers.forEach(
                container -> {
                    if (container.isRunning()) {
                        container.close();
                    }
                });
    }

    private Map<String, String> fleet(String application) {
        Map<String, String> config = new HashMap<>();
        config.put("breakwater.fleet.breakers", BREAKER);
        config.put("breakwater.fleet.redis-uri", "redis://127.0.0.1:" + redis.port());
        config.put("breakwater.fleet.application", application);
        config.put("breakwater.fleet.flush-interval", "50ms");
        return config;
    }

    private WeldContainer replica(String id, Map<String, String> config) {
        return replica(id, config, Gateway.class);
    }

    private WeldContainer replica(String id, Map<String, String> config, Class<?>... beans) {
        WeldContainer container = Deployments.start(id, config, beans);
        containers.add(container);
        return container;
    }

    private static CountDownLatch opened(WeldContainer container) {
        CountDownLatch opened = new CountDownLatch(1);
        container
                .select(CircuitBreakers.class)
                .get()
                .subscribe(
                        BREAKER,
                        change -> {
                            if (change.to() == BreakerState.OPEN) {
                                opened.countDown();
                            }
                        });
        return opened;
    }

    private static FleetMember member(WeldContainer container) {
        return container.select(FaultToleranceExtension.class).get().fleet().orElseThrow();
    }

    @Test
    void twoReplicasOpenTheConfiguredBreakerTogetherFromTheirSummedFailures() throws Exception {
        String application = "weld-" + UUID.randomUUID();
        WeldContainer first = replica("fleet-first", fleet(application));
        WeldContainer second = replica("fleet-second", fleet(application));
        CountDownLatch firstOpened = opened(first);
        CountDownLatch secondOpened = opened(second);

        for (WeldContainer replica : List.of(first, second)) {
            Gateway gateway = replica.select(Gateway.class).get();
            for (int i = 0;
                    i < 2;
                    i++) { // 2 of the 4 calls the window needs: no replica opens on its own
                assertThatThrownBy(gateway::call).isInstanceOf(IllegalStateException.class);
            }
        }

        assertThat(firstOpened.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(secondOpened.await(20, TimeUnit.SECONDS)).isTrue();
        for (WeldContainer replica : List.of(first, second)) {
            Gateway gateway = replica.select(Gateway.class).get();
            int before = gateway.calls();
            assertThatThrownBy(gateway::call).isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(gateway.calls()).isEqualTo(before);
            assertThat(member(replica).local()).isFalse();
            FleetBreakerSnapshot fleet =
                    replica.select(CircuitBreakers.class).get().find(BREAKER).orElseThrow().fleet();
            assertThat(fleet.following()).isTrue();
            assertThat(fleet.state()).isEqualTo(BreakerState.OPEN);
            assertThat(fleet.instance()).isEqualTo(member(replica).instance());
        }
    }

    @Test
    void aConfiguredBreakerIsMeteredWithTheFleetsViewBesideItsOwn() throws Exception {
        Metered.current = new SimpleMeterRegistry();
        WeldContainer container =
                replica(
                        "fleet-metered",
                        fleet("weld-" + UUID.randomUUID()),
                        Gateway.class,
                        Metered.class);
        FleetMember member = member(container);
        long seen = member.exchanges();
        while (member.exchanges() < seen + 2) {
            Thread.onSpinWait(); // counting the member's exchanges, not timing them
        }
        String method = Gateway.class.getCanonicalName() + ".call";

        assertThat(
                        Metered.current
                                .get("ft.circuitbreaker.fleet.state.current")
                                .tag("method", method)
                                .tag("state", "closed")
                                .gauge()
                                .value())
                .isEqualTo(1);
        assertThat(
                        Metered.current
                                .get("ft.circuitbreaker.fleet.local")
                                .tag("method", method)
                                .gauge()
                                .value())
                .isZero();
    }

    @Test
    void aConfiguredRateLimitIsListedAndMeteredWithWhatThisReplicaHoldsOfTheFleetsLimit() {
        Metered.current = new SimpleMeterRegistry();
        WeldContainer container =
                replica(
                        "limit-metered",
                        fleetRateLimit("weld-" + UUID.randomUUID()),
                        Limited.class,
                        Metered.class);
        FleetMember member = member(container);
        long seen = member.exchanges();
        while (member.exchanges() < seen + 2) {
            Thread.onSpinWait(); // counting the member's exchanges, not timing them
        }
        String method = Limited.class.getCanonicalName() + ".call";

        FleetRateLimiterSnapshot fleet =
                container.select(RateLimiters.class).get().list().get(0).fleet();
        assertThat(fleet.instance()).isEqualTo(member.instance());
        assertThat(fleet.following()).isTrue();
        assertThat(fleet.instances()).as("the only replica").isEqualTo(1);
        assertThat(fleet.limitAlone()).isEqualTo(LIMIT);
        assertThat(
                        Metered.current
                                .get("ft.ratelimit.fleet.local")
                                .tag("method", method)
                                .gauge()
                                .value())
                .isZero();
        assertThat(
                        Metered.current
                                .get("ft.ratelimit.fleet.instances")
                                .tag("method", method)
                                .gauge()
                                .value())
                .isEqualTo(1);
        assertThat(Metered.current.get("ft.ratelimit.fleet.leased").tag("method", method).gauge())
                .isNotNull();
    }

    /** Offers a Micrometer registry as a bean, as a container with Micrometer does. */
    @Singleton
    static class Metered {

        static volatile MeterRegistry current;

        @Produces
        @Singleton
        MeterRegistry registry() {
            return current;
        }
    }

    @Test
    void oneReplicaFailingAloneDoesNotOpenTheBreakerAcrossTheFleet() throws Exception {
        String application = "weld-" + UUID.randomUUID();
        WeldContainer failing = replica("fleet-failing", fleet(application));
        WeldContainer quiet = replica("fleet-quiet", fleet(application));
        Gateway gateway = failing.select(Gateway.class).get();
        for (int i = 0;
                i < 3;
                i++) { // 3 failures: below its own window of 4, and below the fleet's quorum of 2
            assertThatThrownBy(gateway::call).isInstanceOf(IllegalStateException.class);
        }
        FleetMember failingMember = member(failing);
        FleetMember quietMember = member(quiet);
        long failingSeen = failingMember.exchanges();
        long quietSeen = quietMember.exchanges();

        while (failingMember.exchanges() < failingSeen + 3
                || quietMember.exchanges() < quietSeen + 3) {
            Thread.onSpinWait(); // counting the members' exchanges after the failures, not timing
            // them
        }

        CircuitBreakers breakers = quiet.select(CircuitBreakers.class).get();
        assertThat(breakers.state(BREAKER)).isEqualTo(BreakerState.CLOSED);
        assertThat(failing.select(CircuitBreakers.class).get().state(BREAKER))
                .isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void theMemberRunsOnABreakwaterFleetThreadThatEndsWithTheContainer() throws Exception {
        WeldContainer container = replica("fleet-threads", fleet("weld-" + UUID.randomUUID()));
        String thread = "breakwater-fleet-" + member(container).instance();
        assertThat(threadNamed(thread)).isTrue();

        container.close();

        assertThat(threadNamed(thread)).isFalse();
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(name));
    }

    @Test
    void withoutFleetKeysThereIsNoMember() {
        WeldContainer container = replica(null, Map.of());

        assertThat(container.select(FaultToleranceExtension.class).get().fleet()).isEmpty();
    }

    @Test
    void aMisspeltFleetKeyFailsTheDeploymentWithTheNearestKey() {
        Map<String, String> config = fleet("weld-typo");
        config.put("breakwater.fleet.quorom", "2");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessage(
                        "config key"
                                + " breakwater.fleet.quorom names no fleet setting \"quorom\"; did you mean breakwater.fleet.quorum?"
                                + " allowed: application, breakers, command-timeout, connect-timeout,"
                                + " fallback-after-failures, flush-interval, instance, max-hold, probe-lease, quorum,"
                                + " rate-limits, redis-uri, tls-ca-file, window");
    }

    @Test
    void quarkusRedisClientKeyFailsTheDeploymentNamingTheKeyToSetOnWeld() {
        Map<String, String> config = fleet("weld-client");
        config.put("breakwater.fleet.redis-client", "fleet");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessage(
                        "config key breakwater.fleet.redis-client = 'fleet' is not used here: it names a Quarkus Redis"
                                + " client, and on a CDI container fleet mode connects with Lettuce (breakwater-redis);"
                                + " allowed: remove the key and set the server with redis-uri under the same prefix");
    }

    @Test
    void anInvalidFleetValueFailsTheDeploymentNamingKeyValueAndWhatIsAllowed() {
        Map<String, String> config = fleet("weld-invalid");
        config.put("quarkus.breakwater.fleet.quorum", "0");
        config.put("breakwater.fleet.flush-interval", "soon");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessageContainingAll(
                        "2 fault tolerance definition errors",
                        "quarkus.breakwater.fleet.quorum = '0' (config key quarkus.breakwater.fleet.quorum) is invalid;"
                                + " allowed: a whole number, 1 or more",
                        "breakwater.fleet.flush-interval = 'soon' (config key breakwater.fleet.flush-interval) is invalid;"
                                + " allowed: a duration such as 200ms, 1s or PT0.2S, from 10 ms to 1 min (default 200ms)");
    }

    @Test
    void invalidTimeoutsAndFallbackFailTheDeploymentNamingKeyValueAndWhatIsAllowed() {
        Map<String, String> config = fleet("weld-invalid-timeouts");
        config.put("breakwater.fleet.command-timeout", "0ms");
        config.put("quarkus.breakwater.fleet.connect-timeout", "11s");
        config.put("breakwater.fleet.fallback-after-failures", "never");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessageContainingAll(
                        "3 fault tolerance definition errors",
                        "breakwater.fleet.command-timeout = '0ms' (config key breakwater.fleet.command-timeout) is"
                                + " invalid; allowed: a duration such as 200ms, 1s or PT0.2S, from 1 ms to 10 s: how long"
                                + " an exchange waits for Redis's answer before it fails (default 250ms)",
                        "quarkus.breakwater.fleet.connect-timeout = '11s' (config key"
                                + " quarkus.breakwater.fleet.connect-timeout) is invalid; allowed: a duration such as"
                                + " 200ms, 1s or PT0.2S, from 1 ms to 10 s: how long connecting to Redis (and AUTH, TLS)"
                                + " may take, which the first exchange waits for (default 1s)",
                        "breakwater.fleet.fallback-after-failures = 'never' (config key"
                                + " breakwater.fleet.fallback-after-failures) is invalid; allowed: a whole number, 1 or"
                                + " more: the failed exchanges in a row after which the member's breakers and rate"
                                + " limits go on alone (default 3)");
    }

    @Test
    void anUnreadableTimeoutFailsTheDeploymentRatherThanFallingBackToTheDefault() {
        Map<String, String> config = fleet("weld-unreadable-timeout");
        config.put("breakwater.fleet.command-timeout", "soon");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessageStartingWith(
                        "breakwater.fleet.command-timeout = 'soon' (config key"
                                + " breakwater.fleet.command-timeout) is invalid; allowed: a duration such as 200ms,"
                                + " 1s or PT0.2S, from 1 ms to 10 s");
    }

    @Test
    void theConfiguredFallbackAfterFailuresIsTheMembers() {
        Map<String, String> config = fleet("weld-" + UUID.randomUUID());
        config.put("breakwater.fleet.fallback-after-failures", "5");

        WeldContainer container = replica("fleet-fallback", config);

        assertThat(member(container).fallbackAfterFailures()).isEqualTo(5);
    }

    @Test
    void invalidWindowProbeLeaseAndMaxHoldFailTheDeploymentNamingKeyValueAndWhatIsAllowed() {
        Map<String, String> config = fleet("weld-invalid-member");
        config.put("breakwater.fleet.window", "1500ms");
        config.put("quarkus.breakwater.fleet.probe-lease", "0ms");
        config.put("breakwater.fleet.max-hold", "PT0.0005S");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessageContainingAll(
                        "3 fault tolerance definition errors",
                        "breakwater.fleet.window = '1500ms' (config key breakwater.fleet.window) is invalid; allowed:"
                                + " a duration such as 200ms, 1s or PT0.2S, whole seconds from 1 s to 1 h: the span of"
                                + " the fleet's window for breakers with a count-based window, whose summed calls and"
                                + " failures open a breaker fleet-wide (default 10s)",
                        "quarkus.breakwater.fleet.probe-lease = '0ms' (config key"
                                + " quarkus.breakwater.fleet.probe-lease) is invalid; allowed: a duration such as"
                                + " 200ms, 1s or PT0.2S, whole milliseconds from 1 ms to about 292 years: how long a"
                                + " fleet-wide half-open period may stay undecided (a probe's outcome lost, a replica"
                                + " gone with its lease) before the fleet opens the breaker again (default 5s)",
                        "breakwater.fleet.max-hold = 'PT0.0005S' (config key breakwater.fleet.max-hold) is invalid;"
                                + " allowed: a duration such as 200ms, 1s or PT0.2S, whole milliseconds from 1 ms to"
                                + " about 292 years: the longest fleet hold this replica accepts, from an operator or"
                                + " read back from Redis (default 24h)");
    }

    @Test
    void aWindowBeyondAnHourOrAFractionOfAMillisecondIsRefusedNotCut() {
        Map<String, String> config = fleet("weld-invalid-window");
        config.put("breakwater.fleet.window", "61m");
        config.put("breakwater.fleet.probe-lease", "PT1.0001S");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessageContainingAll(
                        "2 fault tolerance definition errors",
                        "breakwater.fleet.window = '61m' (config key breakwater.fleet.window) is invalid; allowed:"
                                + " a duration such as 200ms, 1s or PT0.2S, whole seconds from 1 s to 1 h",
                        "breakwater.fleet.probe-lease = 'PT1.0001S' (config key breakwater.fleet.probe-lease) is"
                                + " invalid; allowed: a duration such as 200ms, 1s or PT0.2S, whole milliseconds from"
                                + " 1 ms to about 292 years");
    }

    /**
     * The fleet keeps a breaker's window in Redis for twice the member's window: 20 s by default, two hours with
     * {@code window=1h}.
     */
    @Test
    void theConfiguredWindowIsTheOneTheFleetKeepsTheBreakersCallsFor() throws Exception {
        String application = "weld-" + UUID.randomUUID();
        Map<String, String> config = fleet(application);
        config.put("breakwater.fleet.window", "1h");
        Gateway gateway = replica("fleet-window", config).select(Gateway.class).get();

        assertThatThrownBy(gateway::call).isInstanceOf(IllegalStateException.class);

        String windowKey = "breakwater:" + application + ":breaker:" + BREAKER + ":window";
        eventually(() -> millisToLive(windowKey) > 0);
        assertThat(millisToLive(windowKey)).isBetween(7_100_000L, 7_200_000L);
    }

    /**
     * The fleet keeps a breaker's state for twice the longest of its delay (60 s), the probe lease and the window,
     * and a minute: 3 min with the defaults, 4 h and a minute with {@code probe-lease=2h}.
     */
    @Test
    void theConfiguredProbeLeaseIsTheOneTheFleetKeepsTheBreakersStateFor() throws Exception {
        String application = "weld-" + UUID.randomUUID();
        Map<String, String> config = fleet(application);
        config.put("quarkus.breakwater.fleet.probe-lease", "PT2H");
        Gateway gateway = replica("fleet-probe-lease", config).select(Gateway.class).get();

        assertThatThrownBy(gateway::call).isInstanceOf(IllegalStateException.class);

        String stateKey = "breakwater:" + application + ":breaker:" + BREAKER + ":state";
        eventually(() -> millisToLive(stateKey) > 0);
        assertThat(millisToLive(stateKey)).isBetween(14_300_000L, 14_460_000L);
    }

    @Test
    void theConfiguredMaxHoldIsTheLongestHoldTheMemberTakes() {
        Map<String, String> config = fleet("weld-" + UUID.randomUUID());
        config.put("breakwater.fleet.max-hold", "2m");
        FleetMember member = member(replica("fleet-max-hold", config));

        assertThatThrownBy(
                        () -> member.hold(BREAKER, BreakerState.HELD_OPEN, Duration.ofMinutes(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("at most PT2M (the member's maxHold)");
        member.hold(BREAKER, BreakerState.HELD_OPEN, Duration.ofMinutes(2));
    }

    private static long millisToLive(String key) {
        try {
            return Long.parseLong(redis.cli("PTTL", key).trim());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Two replicas, one with the default command timeout (250 ms) and one with {@code command-timeout=PT3S}, go
     * through the same second of {@code CLIENT PAUSE}: the first fails an exchange, the second waits the pause out
     * and fails none.
     */
    @Test
    void theConfiguredCommandTimeoutIsTheOneTheBackendWaitsForRedis() throws Exception {
        Map<String, String> patientConfig = fleet("weld-" + UUID.randomUUID());
        patientConfig.put("breakwater.fleet.command-timeout", "PT3S");
        FleetMember patient = member(replica("fleet-patient", patientConfig));
        FleetMember impatient =
                member(replica("fleet-impatient", fleet("weld-" + UUID.randomUUID())));
        eventually(() -> patient.exchanges() >= 1 && impatient.exchanges() >= 1);
        long patientsBefore = patient.exchanges();

        assertThat(redis.cli("CLIENT", "PAUSE", "1000", "ALL")).isEqualTo("OK");

        eventually(() -> impatient.failedExchanges() >= 1);
        // An exchange that began during the pause, and the one after it, have come back.
        eventually(() -> patient.exchanges() >= patientsBefore + 2);
        assertThat(patient.failedExchanges()).isZero();
        assertThat(impatient.failedExchanges()).isPositive();
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited 10 s").isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aFleetBreakerThatIsNoBreakerOfTheDeploymentFailsIt() {
        Map<String, String> config = fleet("weld-unknown");
        config.put("breakwater.fleet.breakers", BREAKER + ",payments");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessage(
                        "config key"
                                + " breakwater.fleet.breakers names 'payments', which is no circuit breaker of the deployment;"
                                + " allowed: the names of its breakers (a @BreakerName, or <bean class>#<method>): "
                                + BREAKER);
    }

    @Test
    void fleetModeWithoutRedisOrApplicationFailsTheDeployment() {
        Map<String, String> config =
                Map.of(
                        "breakwater.fleet.breakers",
                        BREAKER,
                        "breakwater.fleet.redis-uri",
                        "http://127.0.0.1:1");

        assertThat(Deployments.definitionError(config, Gateway.class))
                .hasMessageContainingAll(
                        "config key breakwater.fleet.breakers puts breakers in fleet mode but breakwater.fleet.application is"
                                + " not set",
                        "breakwater.fleet.redis-uri = 'http://127.0.0.1:1' (config key breakwater.fleet.redis-uri) is"
                                + " invalid; allowed: redis://[user:password@]host:port, or rediss://... for TLS");
    }

    private Map<String, String> fleetRateLimit(String application) {
        Map<String, String> config = fleet(application);
        config.remove("breakwater.fleet.breakers");
        config.put("breakwater.fleet.rate-limits", RATE_LIMIT);
        return config;
    }

    /** @return Redis's clock, in milliseconds: the fleet's windows are counted on it */
    private static long redisMillis() throws Exception {
        String[] time = redis.cli("TIME").split("\\s+");
        return Long.parseLong(time[0]) * 1000 + Long.parseLong(time[1]) / 1000;
    }

    @Test
    void twoReplicasSharingAConfiguredRateLimitAdmitNoMoreThanItsLimitPerFleetWindow()
            throws Exception {
        String application = "weld-" + UUID.randomUUID();
        List<WeldContainer> replicas =
                List.of(
                        replica("limit-first", fleetRateLimit(application), Limited.class),
                        replica("limit-second", fleetRateLimit(application), Limited.class));
        long startMillis = redisMillis();
        AtomicInteger[] admitted = {new AtomicInteger(), new AtomicInteger()};
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Limited limited = replicas.get(i).select(Limited.class).get();
            FleetMember member = member(replicas.get(i));
            AtomicInteger count = admitted[i];
            long until = member.exchanges() + 30; // 30 exchanges of its member: windows of calls
            Thread caller =
                    new Thread(
                            () -> {
                                while (member.exchanges() < until) {
                                    try {
                                        limited.call();
                                        count.incrementAndGet();
                                    } catch (RateLimitException refused) {
                                        // its lease is spent until the next exchange
                                    }
                                }
                            },
                            "limit-caller-" + i);
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        long endMillis = redisMillis();

        long windows = endMillis / LIMIT_WINDOW_MILLIS - startMillis / LIMIT_WINDOW_MILLIS + 1;
        int total = admitted[0].get() + admitted[1].get();
        System.out.printf(
                "fleet rate limit on Weld: %d + %d admitted over %d windows of %d (bound %d)%n",
                admitted[0].get(), admitted[1].get(), windows, LIMIT, LIMIT * windows);
        assertThat(total).isLessThanOrEqualTo((int) (LIMIT * windows));
        assertThat(admitted[0].get()).as("the first replica had leases").isPositive();
        assertThat(admitted[1].get()).as("the second replica had leases").isPositive();
        assertThat(replicas.get(0).select(RateLimiters.class).get().list())
                .singleElement()
                .satisfies(limiter -> assertThat(limiter.permitted()).isEqualTo(admitted[0].get()));
    }

    @Test
    void
            aFleetRateLimitThatIsRollingOrNoRateLimitOfTheDeploymentFailsItNamingKeyValueMethodAndWhatIsAllowed() {
        Map<String, String> config = fleetRateLimit("weld-rolling");
        config.put("breakwater.fleet.rate-limits", ROLLING + ",nothing");

        assertThat(Deployments.definitionError(config, Limited.class, Rolling.class))
                .hasMessageContainingAll(
                        "2 fault tolerance definition errors",
                        "config key breakwater.fleet.rate-limits = '"
                                + ROLLING
                                + ",nothing' puts the rate limit '"
                                + ROLLING
                                + "' of "
                                + Rolling.class.getName()
                                + ".call() in fleet mode, which refuses its @RateLimit type = ROLLING (from the"
                                + " annotation or its config key); allowed: FIXED in fleet mode (the fleet's"
                                + " windows are fixed), or leave the method out of breakwater.fleet.rate-limits",
                        "config key breakwater.fleet.rate-limits names 'nothing', which is no rate limit of the"
                                + " deployment; allowed: the rate-limited methods, as <bean class>#<method> (with the"
                                + " parameter types when the class has several of that name): "
                                + RATE_LIMIT
                                + ", "
                                + ROLLING);
    }

    @ApplicationScoped
    public static class Limited {

        @RateLimit(value = LIMIT, window = LIMIT_WINDOW_MILLIS, windowUnit = ChronoUnit.MILLIS)
        public String call() {
            return "admitted";
        }
    }

    @ApplicationScoped
    public static class Rolling {

        @RateLimit(value = 5, type = RateLimitType.ROLLING)
        public String call() {
            return "admitted";
        }
    }

    @ApplicationScoped
    public static class Gateway {

        private int calls;

        @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 60_000)
        public String call() {
            calls++;
            throw new IllegalStateException("the gateway is down");
        }

        int calls() {
            return calls;
        }
    }
}
