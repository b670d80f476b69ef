package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Compares {@link CircuitBreaker} with its options beyond the spec ({@link CircuitBreakerOptions}: a time-based
 * window with a minimum number of calls, slow calls, a limited half-open stay) and the states an operator forces
 * with a reference model written the plain way: a list of timestamped outcomes, filtered and counted at every
 * judgement, and the half-open limit walked cycle by cycle. Time is a fake ticker; calls take the time they are
 * given, so some of them are slow.
 */
class CircuitBreakerPoliciesModelPropertiesTest {

    interface Op {}

    /** A call that is admitted or refused; if admitted it takes {@code millis} and ends (failing or not). */
    record Call(boolean failure, long millis) implements Op {}

    /** A call that is admitted or refused and, if admitted, keeps running. */
    record Begin() implements Op {}

    /** A running call (chosen by index) ends now. */
    record Finish(int index, boolean failure) implements Op {}

    record Advance(long millis) implements Op {}

    record ForceClosed() implements Op {}

    record ForceOpen() implements Op {}

    record HoldOpen() implements Op {}

    record HoldClosed() implements Op {}

    record Disable() implements Op {}

    /**
     * @param windowSeconds 0 for the count-based window of {@code requestVolumeThreshold} calls
     * @param slowMillis 0 when no call is slow
     * @param maxHalfOpenMillis 0 for no limit
     */
    record Config(
            int requestVolumeThreshold,
            double failureRatio,
            int successThreshold,
            long delayMillis,
            int windowSeconds,
            int minimumCalls,
            long slowMillis,
            double slowCallRatio,
            long maxHalfOpenMillis) {}

    record Outcome(long atMillis, boolean failure, boolean slow) {}

    static final class Model {
        final Config config;
        final List<String> transitions = new ArrayList<>();
        BreakerState state = BreakerState.CLOSED;
        int epoch;
        long sinceMillis;
        final List<Outcome> window = new ArrayList<>();
        int trialsAdmitted;
        int trialSuccesses;
        long nowMillis;

        Model(Config config) {
            this.config = config;
        }

        static long countToOpen(double ratio, long calls) {
            return BigDecimal.valueOf(ratio)
                    .multiply(BigDecimal.valueOf(calls))
                    .setScale(0, RoundingMode.CEILING)
                    .longValueExact();
        }

        /**
         * Looking lets the delay pass (open to half-open), then the half-open limit: a stay that is over opens
         * again, walked cycle by cycle to the last open delay that has begun, and half-open again if that is over.
         */
        BreakerState state() {
            if (state == BreakerState.OPEN && nowMillis - sinceMillis >= config.delayMillis()) {
                enter(BreakerState.HALF_OPEN, sinceMillis + config.delayMillis());
            }
            long limit = config.maxHalfOpenMillis();
            if (state == BreakerState.HALF_OPEN && limit > 0 && nowMillis - sinceMillis >= limit) {
                long openSince = sinceMillis + limit;
                while (nowMillis - openSince >= config.delayMillis() + limit) {
                    openSince += config.delayMillis() + limit;
                }
                enter(BreakerState.OPEN, openSince);
                if (nowMillis - openSince >= config.delayMillis()) {
                    enter(BreakerState.HALF_OPEN, openSince + config.delayMillis());
                }
            }
            return state;
        }

        int acquire() {
            BreakerState current = state();
            if (current == BreakerState.OPEN || current == BreakerState.HELD_OPEN) {
                return -1;
            }
            if (current == BreakerState.HALF_OPEN) {
                if (trialsAdmitted == config.successThreshold()) {
                    return -1;
                }
                trialsAdmitted++;
            }
            return epoch;
        }

        void report(int admittedIn, boolean failure, long tookMillis) {
            if (admittedIn != epoch) {
                return;
            }
            boolean slow = config.slowMillis() > 0 && tookMillis > config.slowMillis();
            if (state == BreakerState.CLOSED) {
                window.add(new Outcome(nowMillis, failure, slow));
                if (judge()) {
                    enter(BreakerState.OPEN, nowMillis);
                }
            } else if (state == BreakerState.HALF_OPEN) {
                if (failure || slow) {
                    enter(BreakerState.OPEN, nowMillis);
                } else if (++trialSuccesses == config.successThreshold()) {
                    enter(BreakerState.CLOSED, nowMillis);
                }
            }
        }

        private boolean judge() {
            List<Outcome> counted;
            long needed;
            if (config.windowSeconds() == 0) {
                counted =
                        window.subList(
                                Math.max(0, window.size() - config.requestVolumeThreshold()),
                                window.size());
                needed = config.requestVolumeThreshold();
            } else {
                long second = (nowMillis - sinceMillis) / 1000;
                counted =
                        window.stream()
                                .filter(
                                        o ->
                                                second - (o.atMillis() - sinceMillis) / 1000
                                                        < config.windowSeconds())
                                .toList();
                needed = config.minimumCalls();
            }
            long calls = counted.size();
            long failures = counted.stream().filter(Outcome::failure).count();
            long slow = counted.stream().filter(Outcome::slow).count();
            return calls >= needed
                    && (failures >= countToOpen(config.failureRatio(), calls)
                            || slow >= countToOpen(config.slowCallRatio(), calls));
        }

        void enter(BreakerState next, long since) {
            if (next != state) {
                transitions.add(state + "->" + next);
            }
            state = next;
            sinceMillis = since;
            epoch++;
            window.clear();
            trialsAdmitted = 0;
            trialSuccesses = 0;
        }
    }

    record Running(int epoch, CircuitBreaker.Permit permit, long started, long startedMillis) {}

    @Property(tries = 1000)
    void theBreakerDecidesLikeTheModelAtEveryStep(
            @ForAll("configs") Config config, @ForAll("operations") List<Op> operations) {
        AtomicLong nanos = new AtomicLong(System.nanoTime());
        List<String> transitions = new ArrayList<>();
        CircuitBreakerOptions options =
                new CircuitBreakerOptions(
                        TimeUnit.SECONDS.toNanos(config.windowSeconds()),
                        config.windowSeconds() == 0 ? 0 : config.minimumCalls(),
                        TimeUnit.MILLISECONDS.toNanos(config.slowMillis()),
                        config.slowCallRatio(),
                        TimeUnit.MILLISECONDS.toNanos(config.maxHalfOpenMillis()));
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                TimeUnit.MILLISECONDS.toNanos(config.delayMillis()),
                                config.requestVolumeThreshold(),
                                config.failureRatio(),
                                config.successThreshold(),
                                ExceptionPredicate.of(List.of(IOException.class), List.of()),
                                options),
                        nanos::get,
                        change -> transitions.add(change.from() + "->" + change.to()));
        Model model = new Model(config);
        List<Running> running = new ArrayList<>();

        for (int step = 0; step < operations.size(); step++) {
            Op op = operations.get(step);
            String where = "step " + step + " (" + op + ") of " + operations + " with " + config;
            if (op instanceof Call call) {
                int epoch = model.acquire();
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit != null).as("admitted at " + where).isEqualTo(epoch >= 0);
                long started = breaker.startOfCall();
                advance(model, nanos, call.millis());
                if (permit != null) {
                    model.report(epoch, call.failure(), call.millis());
                    report(breaker, permit, call.failure(), started);
                }
            } else if (op instanceof Begin) {
                int epoch = model.acquire();
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit != null).as("admitted at " + where).isEqualTo(epoch >= 0);
                if (permit != null) {
                    running.add(new Running(epoch, permit, breaker.startOfCall(), model.nowMillis));
                }
            } else if (op instanceof Finish finish) {
                if (!running.isEmpty()) {
                    Running call = running.remove(finish.index() % running.size());
                    model.report(
                            call.epoch(), finish.failure(), model.nowMillis - call.startedMillis());
                    report(breaker, call.permit(), finish.failure(), call.started());
                }
            } else if (op instanceof Advance advance) {
                advance(model, nanos, advance.millis());
            } else if (op instanceof ForceClosed) {
                model.enter(BreakerState.CLOSED, model.nowMillis);
                breaker.forceClosed();
            } else if (op instanceof ForceOpen) {
                model.enter(BreakerState.OPEN, model.nowMillis);
                breaker.forceOpen();
            } else if (op instanceof HoldOpen) {
                model.enter(BreakerState.HELD_OPEN, model.nowMillis);
                breaker.holdOpen();
            } else if (op instanceof HoldClosed) {
                model.enter(BreakerState.HELD_CLOSED, model.nowMillis);
                breaker.holdClosed();
            } else if (op instanceof Disable) {
                model.enter(BreakerState.DISABLED, model.nowMillis);
                breaker.disable();
            } else {
                throw new IllegalStateException("unknown operation " + op);
            }
            assertThat(breaker.state()).as("state after " + where).isEqualTo(model.state());
            assertThat(transitions).as("transitions after " + where).isEqualTo(model.transitions);
        }
    }

    private static void advance(Model model, AtomicLong nanos, long millis) {
        model.nowMillis += millis;
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static void report(
            CircuitBreaker breaker, CircuitBreaker.Permit permit, boolean failure, long started) {
        if (failure) {
            breaker.onFailure(permit, new IOException("failure"), started);
        } else {
            breaker.onSuccess(permit, started);
        }
    }

    @Provide
    Arbitrary<Config> configs() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.of(0.0, 0.25, 0.5, 0.7, 1.0),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.longs().between(0, 300),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.of(0L, 0L, 40L),
                        Arbitraries.of(0.25, 0.5, 1.0))
                .flatAs(
                        (volume, ratio, successes, delay, window, minimum, slow, slowRatio) ->
                                Arbitraries.of(0L, 0L, 50L, 700L)
                                        .map(
                                                maxHalfOpen ->
                                                        new Config(
                                                                volume,
                                                                ratio,
                                                                successes,
                                                                delay,
                                                                window,
                                                                minimum,
                                                                slow,
                                                                slowRatio,
                                                                maxHalfOpen)));
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Boolean> failure = Arbitraries.of(true, false);
        Arbitrary<Op> op =
                Arbitraries.frequencyOf(
                        Tuple.of(
                                14,
                                Combinators.combine(
                                                failure, Arbitraries.of(0L, 0L, 10L, 40L, 41L, 90L))
                                        .as(Call::new)),
                        Tuple.of(2, Arbitraries.just(new Begin())),
                        Tuple.of(
                                2,
                                Combinators.combine(Arbitraries.integers().between(0, 20), failure)
                                        .as(Finish::new)),
                        Tuple.of(
                                4,
                                Arbitraries.of(1L, 50L, 299L, 300L, 999L, 1000L, 2500L)
                                        .map(Advance::new)),
                        Tuple.of(1, Arbitraries.just(new ForceClosed())),
                        Tuple.of(1, Arbitraries.just(new ForceOpen())),
                        Tuple.of(1, Arbitraries.just(new HoldOpen())),
                        Tuple.of(1, Arbitraries.just(new HoldClosed())),
                        Tuple.of(1, Arbitraries.just(new Disable())));
        return op.list().ofMaxSize(120);
    }
}
