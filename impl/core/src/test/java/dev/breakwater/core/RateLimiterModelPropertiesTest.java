package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Compares each {@link RateLimiter} with a reference model of the rules SmallRye Fault Tolerance documents for
 * {@code @RateLimit}, written the plain way: the full list of attempts and their times, scanned on every call.
 * Windows, spacings and gaps are a few nanoseconds long, so that boundaries are hit often; the answers must be
 * the same, waits included, and after every call the limiter's counters hold the calls the model admitted and
 * refused.
 */
class RateLimiterModelPropertiesTest {

    private static final int CALLING_THREADS = 3;

    /** Every attempt so far, admitted or refused, and what SmallRye's rules answer to the next one. */
    abstract static class Model {
        final int limit;
        final long window;
        final long minSpacing;
        final List<Long> attempts = new ArrayList<>();
        long admitted;
        long refused;

        Model(int limit, long window, long minSpacing) {
            this.limit = limit;
            this.window = window;
            this.minSpacing = minSpacing;
        }

        long call(long now) {
            long limitWait = limitWait(now);
            long spacingWait = 0;
            if (minSpacing > 0 && !attempts.isEmpty()) {
                long since = now - attempts.get(attempts.size() - 1);
                spacingWait = Math.max(0, minSpacing - since);
            }
            long wait = limitWait > 0 ? limitWait : spacingWait;
            if (wait == 0) {
                admitted++;
            } else {
                refused++;
            }
            record(now, wait == 0);
            attempts.add(now);
            return wait;
        }

        abstract long limitWait(long now);

        void record(long now, boolean admitted) {}
    }

    /** Attempts in the current window, counted from time 0. */
    static final class FixedModel extends Model {
        FixedModel(int limit, long window, long minSpacing) {
            super(limit, window, minSpacing);
        }

        @Override
        long limitWait(long now) {
            long start = now / window * window;
            long inWindow = attempts.stream().filter(t -> t >= start).count();
            return inWindow < limit ? 0 : start + window - now;
        }
    }

    /** Attempts less than a window before now. */
    static final class RollingModel extends Model {
        RollingModel(int limit, long window, long minSpacing) {
            super(limit, window, minSpacing);
        }

        @Override
        long limitWait(long now) {
            List<Long> recent = attempts.stream().filter(t -> t > now - window).toList();
            return recent.size() < limit ? 0 : recent.get(recent.size() - limit) + window - now;
        }
    }

    /**
     * A bucket of credit in nanoseconds: one permit is one interval of credit, the bucket holds the limit's worth,
     * starts with one permit and fills at one nanosecond of credit per nanosecond.
     */
    static final class SmoothModel extends Model {
        final long interval;
        long credit;
        long lastRefill;

        SmoothModel(int limit, long window, long minSpacing) {
            super(limit, window, minSpacing);
            this.interval = (long) Math.ceil((double) window / limit);
            this.credit = interval;
        }

        @Override
        long limitWait(long now) {
            credit = Math.min(credit + (now - lastRefill), limit * interval);
            lastRefill = now;
            return credit >= interval ? 0 : interval - credit;
        }

        @Override
        void record(long now, boolean admitted) {
            if (admitted) {
                credit -= interval;
            }
        }
    }

    @Property(tries = 400)
    void fixedWindowsAnswerLikeTheModel(
            @ForAll @IntRange(min = 1, max = 5) int limit,
            @ForAll @LongRange(min = 1, max = 40) long window,
            @ForAll("spacings") long minSpacing,
            @ForAll("gaps") List<Long> gaps) {
        compare(RateLimitType.FIXED, new FixedModel(limit, window, minSpacing), gaps);
    }

    @Property(tries = 400)
    void rollingWindowsAnswerLikeTheModel(
            @ForAll @IntRange(min = 1, max = 5) int limit,
            @ForAll @LongRange(min = 1, max = 40) long window,
            @ForAll("spacings") long minSpacing,
            @ForAll("gaps") List<Long> gaps) {
        compare(RateLimitType.ROLLING, new RollingModel(limit, window, minSpacing), gaps);
    }

    @Property(tries = 400)
    void smoothRatesAnswerLikeTheModel(
            @ForAll @IntRange(min = 1, max = 5) int limit,
            @ForAll @LongRange(min = 1, max = 40) long window,
            @ForAll("spacings") long minSpacing,
            @ForAll("gaps") List<Long> gaps) {
        compare(RateLimitType.SMOOTH, new SmoothModel(limit, window, minSpacing), gaps);
    }

    /**
     * With leases from the first call, calls spread over a few threads one at a time (so each leaves tokens on its
     * own stripe, or on a shared one when the stripes are fewer than the threads), and limits high enough that
     * batches are taken: the answers are still the model's, so no window admits more than the limit, none refuses
     * while a stripe still holds its tokens, and tokens left on a stripe when its window ends are never spent.
     */
    @Property(tries = 200)
    void leasedFixedWindowsAnswerLikeTheModel(
            @ForAll @IntRange(min = 1, max = 80) int limit,
            @ForAll @LongRange(min = 1, max = 40) long window,
            @ForAll("spacings") long minSpacing,
            @ForAll("stripeCounts") int stripeCount,
            @ForAll("threadedGaps") List<Tuple.Tuple2<Integer, Long>> calls)
            throws Exception {
        FixedModel model = new FixedModel(limit, window, minSpacing);
        AtomicLong clock = new AtomicLong(-7_000);
        long origin = clock.get();
        FixedWindowRateLimiter limiter =
                new FixedWindowRateLimiter(
                        new RateLimitPolicy(limit, window, minSpacing, RateLimitType.FIXED),
                        clock::get,
                        origin,
                        stripeCount);
        limiter.startLeasing();
        ExecutorService[] threads = new ExecutorService[CALLING_THREADS];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Executors.newSingleThreadExecutor();
        }
        try {
            for (Tuple.Tuple2<Integer, Long> call : calls) {
                long now = clock.addAndGet(call.get2()) - origin;
                long expected = model.call(now);
                long answer = threads[call.get1()].submit(limiter::tryAcquire).get();
                assertThat(answer)
                        .as("thread %d at %d after %s", call.get1(), now, model.attempts)
                        .isEqualTo(expected);
                assertThat(limiter.counters().permitted())
                        .as("admitted after %s", model.attempts)
                        .isEqualTo(model.admitted);
                assertThat(limiter.counters().rejected())
                        .as("refused after %s", model.attempts)
                        .isEqualTo(model.refused);
            }
        } finally {
            for (ExecutorService thread : threads) {
                thread.shutdownNow();
            }
        }
    }

    @Provide
    Arbitrary<Integer> stripeCounts() {
        return Arbitraries.of(1, 2, 4);
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Long>>> threadedGaps() {
        Arbitrary<Long> gap =
                Arbitraries.frequencyOf(
                        Tuple.of(12, Arbitraries.just(0L)),
                        Tuple.of(3, Arbitraries.longs().between(1, 12)),
                        Tuple.of(1, Arbitraries.longs().between(13, 200)));
        return Combinators.combine(Arbitraries.integers().between(0, CALLING_THREADS - 1), gap)
                .as(Tuple::of)
                .list()
                .ofMinSize(1)
                .ofMaxSize(200);
    }

    @Provide
    Arbitrary<Long> spacings() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.longs().between(1, 15)));
    }

    @Provide
    Arbitrary<List<Long>> gaps() {
        Arbitrary<Long> gap =
                Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.just(0L)),
                        Tuple.of(6, Arbitraries.longs().between(1, 12)),
                        Tuple.of(1, Arbitraries.longs().between(13, 200)));
        return gap.list().ofMinSize(1).ofMaxSize(120);
    }

    private static void compare(RateLimitType type, Model model, List<Long> gaps) {
        AtomicLong clock =
                new AtomicLong(-7_000); // any origin: the limiter counts from its creation
        long origin = clock.get();
        RateLimiter limiter =
                RateLimiter.create(
                        new RateLimitPolicy(model.limit, model.window, model.minSpacing, type),
                        clock::get);
        for (long gap : gaps) {
            long now = clock.addAndGet(gap) - origin;
            long expected = model.call(now);
            assertThat(limiter.tryAcquire())
                    .as("%s at %d after %s", type, now, model.attempts)
                    .isEqualTo(expected);
            assertThat(limiter.counters().permitted())
                    .as("%s admitted after %s", type, model.attempts)
                    .isEqualTo(model.admitted);
            assertThat(limiter.counters().rejected())
                    .as("%s refused after %s", type, model.attempts)
                    .isEqualTo(model.refused);
        }
    }
}
