package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import java.io.FileNotFoundException;
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
 * Compares {@link CircuitBreaker} with a reference model of the breaker the spec describes, written the
 * plain way: a list of the last outcomes, counters, and an epoch that tells which calls belong to the current
 * period of a state. Operations arrive one at a time (the model says nothing about concurrency); a call may
 * hold its permit while other operations happen, so outcomes of calls that began in an earlier period are
 * exercised too.
 */
class CircuitBreakerModelPropertiesTest {

    enum Outcome {
        /** Returns normally. */
        SUCCESS,
        /** Throws an exception in failOn. */
        FAILURE,
        /** Throws an exception in failOn and in skipOn: counts as a success. */
        SKIPPED_FAILURE,
        /** Throws an exception outside failOn: counts as a success. */
        UNLISTED_FAILURE;

        boolean countsAsFailure() {
            return this == FAILURE;
        }

        Throwable exception() {
            return switch (this) {
                case FAILURE -> new IOException("failure");
                case SKIPPED_FAILURE -> new FileNotFoundException("skipped");
                case UNLISTED_FAILURE -> new IllegalStateException("not in failOn");
                case SUCCESS -> throw new IllegalStateException("a success has no exception");
            };
        }
    }

    interface Op {}

    /** A call that asks for a permit and, if admitted, ends at once with the outcome. */
    record Call(Outcome outcome) implements Op {}

    /** A call that asks for a permit and, if admitted, keeps running. */
    record Begin() implements Op {}

    /** A running call (chosen by index among those running) ends with the outcome. */
    record Finish(int index, Outcome outcome) implements Op {}

    /** Time passes. */
    record Advance(long millis) implements Op {}

    /** Time passes up to {@code offset} ms around the delay. */
    record AdvanceAroundDelay(int offset) implements Op {}

    record ForceClosed() implements Op {}

    record HoldOpen() implements Op {}

    record ForceOpen() implements Op {}

    record Config(
            int requestVolumeThreshold,
            double failureRatio,
            int successThreshold,
            long delayMillis) {}

    /** The spec's breaker, spelled out with lists and counters. */
    static final class Model {
        final Config config;
        final int failuresToOpen;
        final List<String> transitions = new ArrayList<>();
        BreakerState state = BreakerState.CLOSED;
        int epoch;
        final List<Boolean> window = new ArrayList<>(); // true: a failure; oldest first
        long openedAtMillis;
        int trialsAdmitted;
        int trialSuccesses;
        long nowMillis;

        Model(Config config) {
            this.config = config;
            this.failuresToOpen =
                    BigDecimal.valueOf(config.failureRatio())
                            .multiply(BigDecimal.valueOf(config.requestVolumeThreshold()))
                            .setScale(0, RoundingMode.CEILING)
                            .intValueExact();
        }

        private boolean delayOver() {
            return nowMillis - openedAtMillis >= config.delayMillis();
        }

        /** Looking at an open breaker whose delay has passed makes it half-open, as a call would. */
        BreakerState state() {
            if (state == BreakerState.OPEN && delayOver()) {
                enter(BreakerState.HALF_OPEN);
            }
            return state;
        }

        /** @return the epoch the call was admitted in, or -1 when refused */
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

        void report(int admittedIn, Outcome outcome) {
            if (admittedIn != epoch) {
                return;
            }
            boolean failure = outcome.countsAsFailure();
            if (state == BreakerState.CLOSED) {
                window.add(failure);
                if (window.size() > config.requestVolumeThreshold()) {
                    window.remove(0);
                }
                long failures = window.stream().filter(f -> f).count();
                if (window.size() == config.requestVolumeThreshold()
                        && failures >= failuresToOpen) {
                    open();
                }
            } else if (state == BreakerState.HALF_OPEN) {
                if (failure) {
                    open();
                } else if (++trialSuccesses == config.successThreshold()) {
                    enter(BreakerState.CLOSED);
                }
            }
        }

        void forceClosed() {
            enter(BreakerState.CLOSED);
        }

        void holdOpen() {
            enter(BreakerState.HELD_OPEN);
        }

        void open() {
            enter(BreakerState.OPEN);
            openedAtMillis = nowMillis;
        }

        /** A new period starts, even in the same state: calls admitted before no longer count. */
        private void enter(BreakerState next) {
            if (next != state) {
                transitions.add(state + "->" + next);
            }
            state = next;
            epoch++;
            window.clear();
            trialsAdmitted = 0;
            trialSuccesses = 0;
        }
    }

    record Running(int epoch, CircuitBreaker.Permit permit) {}

    @Property(tries = 1000)
    void theBreakerDecidesLikeTheModelAtEveryStep(
            @ForAll("configs") Config config, @ForAll("operations") List<Op> operations) {
        AtomicLong nanos = new AtomicLong(System.nanoTime()); // any origin: only differences matter
        List<String> transitions = new ArrayList<>();
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                TimeUnit.MILLISECONDS.toNanos(config.delayMillis()),
                                config.requestVolumeThreshold(),
                                config.failureRatio(),
                                config.successThreshold(),
                                ExceptionPredicate.of(
                                        List.of(IOException.class),
                                        List.of(FileNotFoundException.class))),
                        nanos::get,
                        change -> transitions.add(change.from() + "->" + change.to()));
        Model model = new Model(config);
        List<Running> running = new ArrayList<>();

        for (int step = 0; step < operations.size(); step++) {
            Op op = operations.get(step);
            String where = "step " + step + " (" + op + ") of " + operations;
            if (op instanceof Call call) {
                int epoch = model.acquire();
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit != null).as("admitted at " + where).isEqualTo(epoch >= 0);
                if (permit != null) {
                    model.report(epoch, call.outcome());
                    report(breaker, permit, call.outcome());
                }
            } else if (op instanceof Begin) {
                int epoch = model.acquire();
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit != null).as("admitted at " + where).isEqualTo(epoch >= 0);
                if (permit != null) {
                    running.add(new Running(epoch, permit));
                }
            } else if (op instanceof Finish finish) {
                if (!running.isEmpty()) {
                    Running call = running.remove(finish.index() % running.size());
                    model.report(call.epoch(), finish.outcome());
                    report(breaker, call.permit(), finish.outcome());
                }
            } else if (op instanceof Advance advance) {
                advance(model, nanos, advance.millis());
            } else if (op instanceof AdvanceAroundDelay advance) {
                advance(model, nanos, Math.max(0, config.delayMillis() + advance.offset()));
            } else if (op instanceof ForceClosed) {
                model.forceClosed();
                breaker.forceClosed();
            } else if (op instanceof HoldOpen) {
                model.holdOpen();
                breaker.holdOpen();
            } else if (op instanceof ForceOpen) {
                model.open();
                breaker.forceOpen();
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
            CircuitBreaker breaker, CircuitBreaker.Permit permit, Outcome outcome) {
        if (outcome == Outcome.SUCCESS) {
            breaker.onSuccess(permit);
        } else {
            breaker.onFailure(permit, outcome.exception());
        }
    }

    @Provide
    Arbitrary<Config> configs() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 10),
                        Arbitraries.of(0.1, 0.25, 0.3, 0.5, 0.6, 0.7, 0.75, 0.9, 1.0),
                        Arbitraries.integers().between(1, 4),
                        Arbitraries.longs().between(0, 100))
                .as(Config::new);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Outcome> outcomes =
                Arbitraries.frequency(
                        Tuple.of(4, Outcome.SUCCESS),
                        Tuple.of(4, Outcome.FAILURE),
                        Tuple.of(1, Outcome.SKIPPED_FAILURE),
                        Tuple.of(1, Outcome.UNLISTED_FAILURE));
        Arbitrary<Op> op =
                Arbitraries.frequencyOf(
                        Tuple.of(12, outcomes.map(Call::new)),
                        Tuple.of(2, Arbitraries.just(new Begin())),
                        Tuple.of(
                                2,
                                Combinators.combine(Arbitraries.integers().between(0, 20), outcomes)
                                        .as(Finish::new)),
                        Tuple.of(2, Arbitraries.longs().between(0, 150).map(Advance::new)),
                        Tuple.of(
                                2,
                                Arbitraries.integers().between(-1, 1).map(AdvanceAroundDelay::new)),
                        Tuple.of(1, Arbitraries.just(new ForceClosed())),
                        Tuple.of(1, Arbitraries.just(new HoldOpen())),
                        Tuple.of(1, Arbitraries.just(new ForceOpen())));
        return op.list().ofMaxSize(120);
    }
}
