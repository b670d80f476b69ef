package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLease;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Three instances of one application, each with its own {@link FleetMember} and fleet rate limiter "api" of 60 calls
 * per second, sharing one {@link InMemoryFleetBackend}; the store's and the instances' clocks are one clock moved by
 * the test a millisecond at a time, and each member exchanges every 100 ms, so every admitted call is counted in the
 * fleet window it was made in.
 */
class FleetRateLimiterTest {

    private static final int LIMIT = 60;
    private static final long WINDOW_MILLIS = 1_000;
    private static final long FLUSH_MILLIS = 100;

    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final InMemoryFleetBackend store = new InMemoryFleetBackend(millis::get);
    private final Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(millis.get());
    private final Instance[] fleet = {
        new Instance("hot", store), new Instance("cold-1", store), new Instance("cold-2", store)
    };

    /** Calls admitted fleet-wide, by fleet window. */
    private final Map<Long, Integer> admittedByWindow = new TreeMap<>();

    private final class Instance {
        final FleetMember member;
        final FleetRateLimiter limiter;
        long admitted;

        Instance(String name, FleetBackend backend) {
            member =
                    FleetMember.builder(backend)
                            .instance(name)
                            .flushInterval(Duration.ofMillis(FLUSH_MILLIS))
                            .build();
            limiter =
                    new FleetRateLimiter(
                            "api",
                            new RateLimitPolicy(
                                    LIMIT,
                                    TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS),
                                    0,
                                    RateLimitType.FIXED),
                            ticker);
            member.join(limiter);
        }

        void call(int attempts) {
            for (int i = 0; i < attempts; i++) {
                if (limiter.tryAcquire() == 0) {
                    admitted++;
                    admittedByWindow.merge(millis.get() / WINDOW_MILLIS, 1, Integer::sum);
                }
            }
        }
    }

    /**
     * Skewed load for a while: each millisecond the hot instance attempts 10 calls, each cold one a call every 20 ms;
     * the members exchange every 100 ms, a third of an interval apart.
     */
    private void run(long durationMillis) {
        for (long t = 0; t < durationMillis; t++) {
            long at = millis.incrementAndGet();
            fleet[0].call(10);
            if (at % 20 == 0) {
                fleet[1].call(1);
                fleet[2].call(1);
            }
            for (int i = 0; i < fleet.length; i++) {
                if ((at + i * 33) % FLUSH_MILLIS == 0) {
                    fleet[i].member.round();
                }
            }
        }
    }

    private long admitted() {
        long admitted = 0;
        for (Instance instance : fleet) {
            admitted += instance.admitted;
        }
        return admitted;
    }

    @Test
    void threeInstancesUnderSkewedLoadNeverAdmitMoreThanTheLimitInAnyFleetWindow() {
        run(10 * WINDOW_MILLIS);

        System.out.println(
                "fleet rate limiter, in memory, limit "
                        + LIMIT
                        + ": admitted per window "
                        + admittedByWindow.values()
                        + "; hot "
                        + fleet[0].admitted
                        + ", cold "
                        + fleet[1].admitted
                        + " and "
                        + fleet[2].admitted);
        assertThat(admittedByWindow).hasSizeGreaterThanOrEqualTo(10);
        assertThat(admittedByWindow.values())
                .as("admitted per fleet window")
                .allSatisfy(admitted -> assertThat(admitted).isLessThanOrEqualTo(LIMIT));
        List<Integer> whole =
                List.copyOf(admittedByWindow.values()).subList(1, admittedByWindow.size() - 1);
        assertThat(whole)
                .as("admitted in the windows between the first and the last, partial ones")
                .allSatisfy(admitted -> assertThat(admitted).isGreaterThanOrEqualTo(LIMIT * 3 / 4));
        assertThat(fleet[0].admitted).as("the hot instance's share").isGreaterThan(admitted() / 3);
        assertThat(fleet[1].admitted).as("a cold instance is not starved").isPositive();
        assertThat(fleet[2].admitted).as("a cold instance is not starved").isPositive();
    }

    @Test
    void withTheStoreDownEachInstanceGoesOnAloneWithItsShareAndRejoinsWhenItReturns() {
        run(2 * WINDOW_MILLIS);
        store.available(false);
        run(FLUSH_MILLIS * 3);
        for (Instance instance : fleet) {
            assertThat(instance.member.local()).as(instance.member.instance()).isTrue();
            assertThat(instance.limiter.inFleet()).as(instance.member.instance()).isFalse();
        }

        long before = fleet[0].admitted;
        long aloneMillis = 5 * WINDOW_MILLIS;
        millis.addAndGet(
                WINDOW_MILLIS - millis.get() % WINDOW_MILLIS); // from a fleet window's start
        admittedByWindow.clear();
        run(aloneMillis - 1); // up to the last millisecond of the fifth window
        long share = LIMIT / fleet.length;
        assertThat(fleet[0].admitted - before)
                .as("the hot instance alone: %s calls per window", share)
                .isEqualTo(share * (aloneMillis / WINDOW_MILLIS));
        assertThat(admittedByWindow.values())
                .as("admitted per fleet window, alone on the fleet's boundaries")
                .allSatisfy(admitted -> assertThat(admitted).isLessThanOrEqualTo(LIMIT));

        store.available(true);
        admittedByWindow.clear();
        run(FLUSH_MILLIS);
        for (Instance instance : fleet) {
            assertThat(instance.member.local()).as(instance.member.instance()).isFalse();
            assertThat(instance.limiter.inFleet()).as(instance.member.instance()).isTrue();
        }
        admittedByWindow.clear();
        millis.addAndGet(
                WINDOW_MILLIS - millis.get() % WINDOW_MILLIS); // the next window starts clean
        run(5 * WINDOW_MILLIS);
        assertThat(admittedByWindow.values())
                .as("admitted per fleet window after rejoining")
                .allSatisfy(admitted -> assertThat(admitted).isLessThanOrEqualTo(LIMIT));
    }

    @Test
    void aLeaseBreakingItsRequestIsRefusedAndTheLimiterGoesOnAlone() {
        FleetBackend lying =
                new FleetBackend() {
                    @Override
                    public FleetReply exchange(
                            String instance,
                            List<FleetReport> reports,
                            List<FleetLeaseRequest> leases) {
                        FleetReply reply = store.exchange(instance, reports, leases);
                        return new FleetReply(
                                reply.serverMillis(),
                                reply.views(),
                                List.of(
                                        new FleetLease(
                                                reply.leases().get(0).window(),
                                                1_000_000,
                                                0,
                                                1,
                                                1,
                                                1_000_000)));
                    }

                    @Override
                    public void hold(
                            String breaker,
                            dev.breakwater.api.BreakerState state,
                            Duration expiry) {}

                    @Override
                    public void release(String breaker) {}

                    @Override
                    public long serverTimeMillis() {
                        return millis.get();
                    }

                    @Override
                    public void onTransition(Runnable callback) {}

                    @Override
                    public void close() {}
                };
        Instance fooled = new Instance("fooled", lying);
        fooled.call(100);
        fooled.member.round();

        assertThat(fooled.member.refusedViews()).isEqualTo(1);
        assertThat(fooled.limiter.inFleet()).isFalse();
        fooled.call(1_000);
        assertThat(fooled.admitted).as("alone, within the limit").isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void theBuilderRefusesWhatTheFleetCannotEnforce() {
        FleetMember member = FleetMember.builder(store).instance("builder").build();

        assertThatThrownBy(
                        () ->
                                RateLimiter.builder()
                                        .type(RateLimitType.ROLLING)
                                        .window(Duration.ofNanos(1_500_000))
                                        .fleet(" ", member)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate limiter ' '")
                .hasMessageContaining("type(ROLLING) is invalid; allowed: FIXED in fleet mode")
                .hasMessageContaining(
                        "window(PT0.0015S) is invalid; allowed: a whole number of milliseconds")
                .hasMessageContaining("a name that is not blank");
        RateLimiter.builder().fleet("api", member).build();
        assertThatThrownBy(() -> RateLimiter.builder().fleet("api", member).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a rate limiter of that name is a member already");
    }
}
