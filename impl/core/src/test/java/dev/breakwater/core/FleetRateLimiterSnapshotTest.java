package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.FleetRateLimiterSnapshot;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The fleet's part of a rate limiter's snapshot ({@link RateLimiter#fleet()}): two instances, "a" and "b", each with a
 * fleet rate limiter "api" of 60 calls per second, share one {@link InMemoryFleetBackend}; the store's and the
 * limiters' clock stands still at the start of a fleet window unless a test moves it, and the members exchange only
 * when the test runs a round, so every number is known.
 */
class FleetRateLimiterSnapshotTest {

    private static final int LIMIT = 60;

    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);
    private final InMemoryFleetBackend store = new InMemoryFleetBackend(millis::get);
    private final Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(millis.get());

    private FleetMember member(String instance) {
        return FleetMember.builder(store)
                .instance(instance)
                .flushInterval(Duration.ofMillis(100))
                .fallbackAfterFailures(3)
                .build();
    }

    private FleetRateLimiter limiter(FleetMember member) {
        FleetRateLimiter limiter =
                new FleetRateLimiter(
                        "api",
                        new RateLimitPolicy(
                                LIMIT, TimeUnit.SECONDS.toNanos(1), 0, RateLimitType.FIXED),
                        ticker);
        member.join(limiter);
        return limiter;
    }

    private static long admitted(RateLimiter limiter, int attempts) {
        long admitted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire() == 0) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void aLocalRateLimiterHasNoFleetPart() {
        RateLimiter local =
                RateLimiter.create(
                        new RateLimitPolicy(
                                LIMIT, TimeUnit.SECONDS.toNanos(1), 0, RateLimitType.FIXED),
                        ticker);

        assertThat(local.fleet()).isEmpty();
    }

    @Test
    void beforeItsFirstExchangeAFleetRateLimiterDoesNotFollowTheFleetYet() {
        FleetMember a = member("a");
        FleetRateLimiterSnapshot fleet = limiter(a).fleet().orElseThrow();

        assertThat(fleet.instance()).isEqualTo("a");
        assertThat(fleet.following()).isFalse();
        assertThat(fleet.instances()).isEqualTo(1);
        assertThat(fleet.leasedUnspent()).isZero();
        assertThat(fleet.windowLeased()).isZero();
        assertThat(fleet.sinceLastExchange()).isNull();
        assertThat(fleet.failedExchangesInARow()).isZero();
    }

    @Test
    void
            afterAnExchangeItFollowsTheFleetAndShowsTheInstancesCountedAndTheTokensLeasedLessThoseSpent() {
        FleetMember a = member("a");
        FleetMember b = member("b");
        FleetRateLimiter onA = limiter(a);
        FleetRateLimiter onB = limiter(b);
        assertThat(admitted(onA, 10)).as("no lease yet").isZero();
        assertThat(admitted(onB, 5)).as("no lease yet").isZero();
        a.round();
        b.round();

        FleetRateLimiterSnapshot first = onA.fleet().orElseThrow();
        assertThat(first.following()).isTrue();
        assertThat(first.instances()).as("a alone had asked when a's lease came").isEqualTo(1);
        assertThat(first.leasedUnspent()).as("a's 10 attempts since the start").isEqualTo(10);
        assertThat(first.windowLeased()).as("b had not asked yet").isEqualTo(10);
        assertThat(first.leasedAhead()).as("the window has just begun").isZero();
        assertThat(first.sinceLastExchange()).isNotNull();
        assertThat(onB.fleet().orElseThrow().instances()).isEqualTo(2);
        assertThat(onB.fleet().orElseThrow().leasedUnspent()).isEqualTo(5);
        assertThat(onB.fleet().orElseThrow().windowLeased()).as("a's 10 and b's 5").isEqualTo(15);

        assertThat(admitted(onA, 4)).isEqualTo(4);
        a.round();

        FleetRateLimiterSnapshot later = onA.fleet().orElseThrow();
        assertThat(later.instances()).isEqualTo(2);
        assertThat(later.limitAlone()).isEqualTo(LIMIT / 2);
        assertThat(later.leasedUnspent())
                .as(
                        "10 leased, 4 spent; the 4 attempts since the last exchange are covered by the 6 held")
                .isEqualTo(6);
        assertThat(later.windowLeased())
                .as("as b's lease left it, nothing more granted")
                .isEqualTo(15);
        assertThat(later.summary())
                .isEqualTo("2 instances, 6 leased here, 15 in the fleet's window");
    }

    @Test
    void afterFailedExchangesInARowItGoesOnAloneWithItsShareOfTheFleetsLimit() {
        FleetMember a = member("a");
        FleetMember b = member("b");
        FleetRateLimiter onA = limiter(a);
        limiter(b);
        b.round();
        a.round();
        store.available(false);

        a.round();
        a.round();
        FleetRateLimiterSnapshot failing = onA.fleet().orElseThrow();
        assertThat(failing.following()).as("two failures, the third makes it go on alone").isTrue();
        assertThat(failing.failedExchangesInARow()).isEqualTo(2);

        a.round();
        FleetRateLimiterSnapshot alone = onA.fleet().orElseThrow();
        assertThat(alone.following()).isFalse();
        assertThat(alone.failedExchangesInARow()).isEqualTo(3);
        assertThat(alone.instances()).as("as the fleet last counted").isEqualTo(2);
        assertThat(alone.limitAlone()).isEqualTo(LIMIT / 2);
        assertThat(alone.sinceLastExchange()).as("it did exchange once").isNotNull();
        assertThat(alone.summary()).isEqualTo("alone, 30 per window, 3 failed exchanges");
        assertThat(admitted(onA, LIMIT)).as("its share, alone").isEqualTo(LIMIT / 2);

        store.available(true);
        a.round();
        assertThat(onA.fleet().orElseThrow().following()).as("back with the fleet").isTrue();
        assertThat(onA.fleet().orElseThrow().failedExchangesInARow()).isZero();
    }
}
