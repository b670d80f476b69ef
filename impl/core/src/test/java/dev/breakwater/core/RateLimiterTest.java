package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Admission sequences of each rate limit type on a fake clock, in milliseconds since the limiter was created. */
class RateLimiterTest {

    private static final long ADMITTED = 0;

    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final long createdAt = now.get();
    private final Ticker ticker = now::get;

    private RateLimiter limiter(RateLimitType type, int limit, long windowMs, long minSpacingMs) {
        return RateLimiter.create(
                new RateLimitPolicy(limit, ms(windowMs), ms(minSpacingMs), type), ticker);
    }

    /** @return what the limiter answers to a call at {@code millis} after its creation */
    private long callAt(RateLimiter limiter, long millis) {
        now.set(createdAt + ms(millis));
        return limiter.tryAcquire();
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Nested
    class FixedWindows {

        @Test
        void admitTheLimitInAWindowAndRefuseTheRestUntilTheNextWindowBegins() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 3, 1_000, 0);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 10)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 20)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 20)).isEqualTo(ms(980));
            assertThat(callAt(limiter, 999)).isEqualTo(ms(1));
            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_999)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_999)).isEqualTo(ms(1));
        }

        @Test
        void areCountedFromTheLimitersCreationNotFromTheFirstCall() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 2, 1_000, 0);

            assertThat(callAt(limiter, 900)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 950)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 960)).isEqualTo(ms(40));
            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
        }

        @Test
        void letABurstAroundABoundaryExceedTheRateAsDocumented() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 2, 1_000, 0);

            assertThat(callAt(limiter, 999)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 999)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
        }

        @Test
        void startAfreshAfterAnIdleSpellOfManyWindows() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 2, 1_000, 0);
            callAt(limiter, 0);
            callAt(limiter, 0);

            assertThat(callAt(limiter, 86_400_000 + 500)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 86_400_000 + 500)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 86_400_000 + 500)).isEqualTo(ms(500));
        }

        @Test
        void countACallRefusedForSpacingAgainstTheLimit() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 3, 1_000, 100);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 50)).isEqualTo(ms(50));
            assertThat(callAt(limiter, 150)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 300))
                    .as("the third attempt of the window was the refused one")
                    .isEqualTo(ms(700));
        }

        @Test
        void measureTheSpacingFromTheLastAttemptAdmittedOrNot() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 100, 1_000, 100);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 60)).isEqualTo(ms(40));
            assertThat(callAt(limiter, 120)).isEqualTo(ms(40));
            assertThat(callAt(limiter, 220)).isEqualTo(ADMITTED);
        }

        @Test
        void reportTheWaitForTheNextWindowBeforeTheWaitForSpacing() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 1, 1_000, 5_000);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 200)).isEqualTo(ms(800));
            assertThat(callAt(limiter, 1_000))
                    .as("the refused attempt at 200 was the last")
                    .isEqualTo(ms(4_200));
        }

        @Test
        void countACallerWhoseClockReadingPredatesTheRecordedWindowInThatWindow() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 2, 1_000, 0);
            callAt(limiter, 1_000);
            callAt(limiter, 1_000);

            assertThat(callAt(limiter, 999))
                    .as("a late caller of window 0 finds window 1 full")
                    .isEqualTo(ms(1_001));
        }
    }

    @Nested
    class RollingWindows {

        @Test
        void admitACallOnceTheLimitthPreviousAttemptIsAWholeWindowBack() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 2, 1_000, 0);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 600)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_000)).isEqualTo(ms(600));
        }

        @Test
        void doNotLetABurstAroundAnyBoundaryExceedTheLimit() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 2, 1_000, 0);

            assertThat(callAt(limiter, 999)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 999)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_000)).isEqualTo(ms(999));
            assertThat(callAt(limiter, 1_998)).isEqualTo(ms(1));
        }

        @Test
        void countRefusedAttemptsSoThatACallerWhoKeepsCallingTooFastStaysRefused() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 2, 1_000, 0);
            callAt(limiter, 0);
            callAt(limiter, 0);

            assertThat(callAt(limiter, 900)).isEqualTo(ms(100));
            assertThat(callAt(limiter, 950)).isEqualTo(ms(50));
            assertThat(callAt(limiter, 1_800))
                    .as("the refused attempts at 900 and 950 are still in the window")
                    .isEqualTo(ms(100));
            assertThat(callAt(limiter, 2_800)).isEqualTo(ADMITTED);
        }

        @Test
        void withALimitOfOneAdmitOneCallPerWindowAgainAfterAQuietSpell() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 1, 1_000, 0);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_500)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 2_000)).isEqualTo(ms(500));
            assertThat(callAt(limiter, 5_000)).isEqualTo(ADMITTED);
        }

        @Test
        void measureTheSpacingFromTheLastAttemptAdmittedOrNot() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 10, 1_000, 100);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 40)).isEqualTo(ms(60));
            assertThat(callAt(limiter, 100)).isEqualTo(ms(40));
            assertThat(callAt(limiter, 200)).isEqualTo(ADMITTED);
        }

        @Test
        void reportTheWaitForTheWindowBeforeTheWaitForSpacing() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 1, 1_000, 5_000);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 200)).isEqualTo(ms(800));
            assertThat(callAt(limiter, 1_200)).isEqualTo(ms(4_000));
        }
    }

    @Nested
    class SmoothRates {

        @Test
        void startWithOnePermitAndRefillOnePermitPerWindowDividedByTheLimit() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 4, 1_000, 0);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 0)).isEqualTo(ms(250));
            assertThat(callAt(limiter, 249)).isEqualTo(ms(1));
            assertThat(callAt(limiter, 250)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 250)).isEqualTo(ms(250));
        }

        @Test
        void allowABurstOfAtMostTheLimitAfterAQuietSpell() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 4, 1_000, 0);

            for (int i = 0; i < 4; i++) {
                assertThat(callAt(limiter, 60_000)).isEqualTo(ADMITTED);
            }
            assertThat(callAt(limiter, 60_000)).isEqualTo(ms(250));
        }

        @Test
        void takeNoPermitForARefusedCall() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 4, 1_000, 0);
            callAt(limiter, 0);

            assertThat(callAt(limiter, 100)).isEqualTo(ms(150));
            assertThat(callAt(limiter, 200)).isEqualTo(ms(50));
            assertThat(callAt(limiter, 250)).isEqualTo(ADMITTED);
        }

        @Test
        void roundTheIntervalUpSoThatTheRateIsNeverExceeded() {
            RateLimiter limiter =
                    RateLimiter.create(
                            new RateLimitPolicy(3, 1_000, 0, RateLimitType.SMOOTH), ticker);
            now.set(createdAt);

            assertThat(limiter.tryAcquire()).isEqualTo(ADMITTED);
            assertThat(limiter.tryAcquire()).as("1000 ns / 3 rounded up").isEqualTo(334);
        }

        @Test
        void measureTheSpacingFromTheLastAttemptAdmittedOrNot() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 10, 1_000, 300);

            assertThat(callAt(limiter, 1_000)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 1_100)).isEqualTo(ms(200));
            assertThat(callAt(limiter, 1_300)).isEqualTo(ms(100));
            assertThat(callAt(limiter, 1_400))
                    .as("the refused attempt at 1300 was the last")
                    .isEqualTo(ms(200));
            assertThat(callAt(limiter, 1_700)).isEqualTo(ADMITTED);
        }

        @Test
        void takeNoPermitForACallRefusedForSpacing() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 2, 1_000, 100);

            assertThat(callAt(limiter, 10_000)).as("a full bucket of 2").isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 10_050)).isEqualTo(ms(50));
            assertThat(callAt(limiter, 10_150))
                    .as("the second permit is still there")
                    .isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 10_300))
                    .as("0.6 of a permit refilled; 0.4 of 500 ms to go")
                    .isEqualTo(ms(200));
        }

        @Test
        void reportTheWaitForAPermitBeforeTheWaitForSpacing() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 1, 1_000, 5_000);

            assertThat(callAt(limiter, 0)).isEqualTo(ADMITTED);
            assertThat(callAt(limiter, 200)).isEqualTo(ms(800));
            assertThat(callAt(limiter, 1_000)).isEqualTo(ms(4_200));
        }
    }

    @Test
    void eachTypeGetsItsOwnLimiter() {
        assertThat(limiter(RateLimitType.FIXED, 1, 1, 0))
                .isInstanceOf(FixedWindowRateLimiter.class);
        assertThat(limiter(RateLimitType.ROLLING, 1, 1, 0))
                .isInstanceOf(RollingWindowRateLimiter.class);
        assertThat(limiter(RateLimitType.SMOOTH, 1, 1, 0)).isInstanceOf(SmoothRateLimiter.class);
    }

    @Test
    void countersCountAdmittedAndRefusedAttempts() {
        RateLimiter limiter = limiter(RateLimitType.FIXED, 2, 1_000, 0);
        for (int i = 0; i < 5; i++) {
            callAt(limiter, 0);
        }

        assertThat(limiter.counters().permitted()).isEqualTo(2);
        assertThat(limiter.counters().rejected()).isEqualTo(3);
    }

    @Test
    void theWaitInMillisecondsIsRoundedUp() {
        assertThat(RateLimiter.millisToWait(1)).isEqualTo(1);
        assertThat(RateLimiter.millisToWait(999_999)).isEqualTo(1);
        assertThat(RateLimiter.millisToWait(1_000_000)).isEqualTo(1);
        assertThat(RateLimiter.millisToWait(1_000_001)).isEqualTo(2);
        assertThat(RateLimiter.millisToWait(Long.MAX_VALUE))
                .isEqualTo(Long.MAX_VALUE / 1_000_000 + 1);
    }

    /** {@link RateLimiter#permitsLeft()} reads the state without counting as an attempt. */
    @Nested
    class PermitsLeft {

        private int leftAt(RateLimiter limiter, long millis) {
            now.set(createdAt + ms(millis));
            return limiter.permitsLeft();
        }

        @Test
        void aFixedWindowHasTheLimitLessItsAttemptsAndAllAgainInTheNextWindow() {
            RateLimiter limiter = limiter(RateLimitType.FIXED, 3, 1_000, 0);
            assertThat(leftAt(limiter, 0)).isEqualTo(3);

            callAt(limiter, 10);
            callAt(limiter, 20);

            assertThat(leftAt(limiter, 30)).isEqualTo(1);
            assertThat(leftAt(limiter, 30)).as("reading is no attempt").isEqualTo(1);
            callAt(limiter, 40);
            callAt(limiter, 50);
            assertThat(leftAt(limiter, 60))
                    .as("a refused attempt leaves none, never fewer")
                    .isZero();
            assertThat(leftAt(limiter, 1_000)).isEqualTo(3);
        }

        @Test
        void aRollingWindowRegainsEachPermitAWindowAfterItsAttempt() {
            RateLimiter limiter = limiter(RateLimitType.ROLLING, 2, 1_000, 0);

            callAt(limiter, 100);
            callAt(limiter, 600);

            assertThat(leftAt(limiter, 700)).isZero();
            assertThat(leftAt(limiter, 1_100)).isEqualTo(1);
            assertThat(leftAt(limiter, 1_600)).isEqualTo(2);
        }

        @Test
        void aSmoothRateStartsWithOnePermitAndRefillsOnePerIntervalUpToTheLimit() {
            RateLimiter limiter = limiter(RateLimitType.SMOOTH, 4, 1_000, 0);
            assertThat(leftAt(limiter, 0)).isEqualTo(1);

            callAt(limiter, 0);

            assertThat(leftAt(limiter, 0)).isZero();
            assertThat(leftAt(limiter, 250)).isEqualTo(1);
            assertThat(leftAt(limiter, 760)).isEqualTo(3);
            assertThat(leftAt(limiter, 5_000)).isEqualTo(4);
        }
    }
}
