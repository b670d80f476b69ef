package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.api.BreakerStateListener;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitBreakerTest {

    private static final long DELAY_MS = 1_000;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = now::get;
    private final List<String> transitions = new ArrayList<>();
    private final BreakerStateListener listener =
            change -> transitions.add(change.from() + "->" + change.to());

    private CircuitBreaker breaker(
            int requestVolumeThreshold, double failureRatio, int successThreshold) {
        return breaker(
                requestVolumeThreshold, failureRatio, successThreshold, ExceptionPredicate.all());
    }

    private CircuitBreaker breaker(
            int requestVolumeThreshold,
            double failureRatio,
            int successThreshold,
            ExceptionPredicate failOn) {
        CircuitBreakerPolicy policy =
                new CircuitBreakerPolicy(
                        TimeUnit.MILLISECONDS.toNanos(DELAY_MS),
                        requestVolumeThreshold,
                        failureRatio,
                        successThreshold,
                        failOn);
        return new CircuitBreaker("breaker", policy, ticker, listener);
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static void succeed(CircuitBreaker breaker) {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        assertThat(permit).as("permit").isNotNull();
        breaker.onSuccess(permit);
    }

    private static void fail(CircuitBreaker breaker) {
        fail(breaker, new IOException("boom"));
    }

    private static void fail(CircuitBreaker breaker, Throwable failure) {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        assertThat(permit).as("permit").isNotNull();
        breaker.onFailure(permit, failure);
    }

    /** Opens {@code breaker} (window of 2, ratio 1) with two failures. */
    private static void open(CircuitBreaker breaker) {
        fail(breaker);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aNewBreakerIsClosedAndAdmitsCalls() {
        CircuitBreaker breaker = breaker(4, 0.5, 1);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(transitions).isEmpty();
    }

    @Test
    void opensWhenTheFullWindowHoldsEnoughFailures() {
        CircuitBreaker breaker = breaker(4, 0.5, 1);

        succeed(breaker);
        succeed(breaker);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).containsExactly("CLOSED->OPEN");
    }

    @Test
    void aSuccessThatFillsTheWindowOpensTheBreakerWhenTheWindowAlreadyHoldsEnoughFailures() {
        CircuitBreaker breaker = breaker(4, 0.5, 1);

        fail(breaker);
        fail(breaker);
        succeed(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        succeed(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void neverOpensBeforeTheWindowIsFullEvenIfEveryOutcomeIsAFailure() {
        CircuitBreaker breaker = breaker(5, 0.2, 1);

        for (int i = 0; i < 4; i++) {
            fail(breaker);
            assertThat(breaker.state())
                    .as("after %d failures", i + 1)
                    .isEqualTo(BreakerState.CLOSED);
        }
        fail(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void theWindowSlidesSoThatOldOutcomesFallOut() {
        CircuitBreaker breaker = breaker(4, 0.75, 1);

        fail(breaker);
        fail(breaker);
        succeed(breaker);
        succeed(breaker); // window F F S S: 2 failures, 3 needed
        succeed(breaker); // F S S S
        fail(breaker); // S S S F
        fail(breaker); // S S F F
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker); // S F F F

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aFailureFallingOutOfTheWindowIsForgotten() {
        CircuitBreaker breaker = breaker(3, 1.0, 1);

        fail(breaker);
        fail(breaker);
        succeed(breaker); // F F S
        fail(breaker); // F S F
        fail(breaker); // S F F
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker); // F F F

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aFailureNotListedInFailOnCountsAsASuccess() {
        CircuitBreaker breaker =
                breaker(2, 1.0, 1, ExceptionPredicate.of(List.of(IOException.class), List.of()));

        fail(breaker, new IllegalStateException("not listed"));
        fail(breaker, new IOException("listed")); // S F
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker, new IOException("listed")); // F F

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void failOnMatchesSubclasses() {
        CircuitBreaker breaker =
                breaker(2, 1.0, 1, ExceptionPredicate.of(List.of(IOException.class), List.of()));

        fail(breaker, new FileNotFoundException("a subclass of IOException"));
        fail(breaker, new FileNotFoundException("a subclass of IOException"));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void skipOnWinsOverFailOnAndCountsAsASuccess() {
        CircuitBreaker breaker =
                breaker(
                        2,
                        1.0,
                        1,
                        ExceptionPredicate.of(
                                List.of(IOException.class), List.of(FileNotFoundException.class)));

        fail(breaker, new FileNotFoundException("skipped although it is an IOException"));
        fail(breaker, new IOException()); // S F
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker, new FileNotFoundException()); // F S
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker, new IOException()); // S F

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void anOpenBreakerRefusesCallsUntilTheDelayHasPassed() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        open(breaker);

        assertThat(breaker.tryAcquire()).isNull();
        advanceMillis(DELAY_MS - 1);
        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);

        advanceMillis(1);

        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void stateReportsHalfOpenOnceTheDelayHasPassedEvenWithoutACall() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        open(breaker);

        advanceMillis(DELAY_MS);

        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(transitions)
                .as("the listener was told what state() reports")
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void eachChangeTheListenerIsToldCarriesTheBreakersName() {
        List<BreakerStateChange> told = new ArrayList<>();
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "payments",
                        new CircuitBreakerPolicy(0, 1, 1.0, 1, ExceptionPredicate.all()),
                        ticker,
                        told::add);

        fail(breaker);
        breaker.state();

        assertThat(breaker.name()).isEqualTo("payments");
        assertThat(told)
                .containsExactly(
                        new BreakerStateChange("payments", BreakerState.CLOSED, BreakerState.OPEN),
                        new BreakerStateChange(
                                "payments", BreakerState.OPEN, BreakerState.HALF_OPEN));
    }

    @Test
    void aZeroDelayLetsTheNextCallThroughAsATrial() {
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(0, 1, 1.0, 1, ExceptionPredicate.all()),
                        ticker,
                        listener);
        fail(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        succeed(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void halfOpenAdmitsAtMostSuccessThresholdTrialCalls() {
        CircuitBreaker breaker = breaker(2, 1.0, 3);
        open(breaker);
        advanceMillis(DELAY_MS);

        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(breaker.tryAcquire()).isNotNull();

        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void successThresholdTrialSuccessesCloseTheBreakerWithAFreshWindow() {
        CircuitBreaker breaker = breaker(2, 1.0, 2);
        open(breaker);
        advanceMillis(DELAY_MS);

        succeed(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        succeed(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);

        // the window that opened the breaker (F F) is forgotten: one failure alone does not fill
        // the new one
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions)
                .containsExactly(
                        "CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED", "CLOSED->OPEN");
    }

    @Test
    void oneTrialFailureReopensTheBreakerAndRestartsTheDelay() {
        CircuitBreaker breaker = breaker(2, 1.0, 3);
        open(breaker);
        advanceMillis(DELAY_MS);

        succeed(breaker);
        fail(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isNull();
        advanceMillis(DELAY_MS - 1);
        assertThat(breaker.tryAcquire()).isNull();
        advanceMillis(1);
        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(transitions)
                .containsExactly(
                        "CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void aTrialFailureNotListedInFailOnCountsAsATrialSuccess() {
        CircuitBreaker breaker =
                breaker(2, 1.0, 1, ExceptionPredicate.of(List.of(IOException.class), List.of()));
        open(breaker);
        advanceMillis(DELAY_MS);

        fail(breaker, new IllegalArgumentException());

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void anOutcomeReportedAgainstAPermitFromAnEarlierClosedPeriodIsIgnored() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        CircuitBreaker.Permit slow = breaker.tryAcquire();
        open(breaker);
        advanceMillis(DELAY_MS);
        CircuitBreaker.Permit trial = breaker.tryAcquire();
        assertThat(trial).isNotNull();

        breaker.onSuccess(slow);
        assertThat(breaker.state())
                .as("a stale success does not close")
                .isEqualTo(BreakerState.HALF_OPEN);
        breaker.onFailure(slow, new IOException());
        assertThat(breaker.state())
                .as("a stale failure does not reopen")
                .isEqualTo(BreakerState.HALF_OPEN);

        breaker.onSuccess(trial);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aFailureReportedAgainstAPermitFromBeforeForceClosedDoesNotCountInTheNewWindow() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        CircuitBreaker.Permit slow = breaker.tryAcquire();
        breaker.forceClosed();
        fail(breaker);

        breaker.onFailure(slow, new IOException());

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void anOutcomeReportedAgainstAPermitFromAnEarlierHalfOpenPeriodIsIgnored() {
        CircuitBreaker breaker = breaker(2, 1.0, 2);
        open(breaker);
        advanceMillis(DELAY_MS);
        CircuitBreaker.Permit first = breaker.tryAcquire();
        CircuitBreaker.Permit second = breaker.tryAcquire();
        breaker.onFailure(first, new IOException()); // reopens
        advanceMillis(DELAY_MS);
        CircuitBreaker.Permit newTrial = breaker.tryAcquire();

        breaker.onSuccess(second);
        breaker.onSuccess(newTrial);
        assertThat(breaker.state())
                .as("only one success of this period counts")
                .isEqualTo(BreakerState.HALF_OPEN);
        breaker.onFailure(second, new IOException());
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        succeed(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void forceClosedClosesAnOpenBreakerAndForgetsEveryOutcome() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        open(breaker);

        breaker.forceClosed();

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isNotNull();
        fail(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
    }

    @Test
    void forceClosedForgetsTheOutcomesOfAClosedBreakerWithoutReportingAChange() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        fail(breaker);

        breaker.forceClosed();
        fail(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void forceOpenOpensAClosedBreakerForTheDelay() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);

        breaker.forceOpen();

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isNull();
        advanceMillis(DELAY_MS);
        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void aBreakerHeldOpenIsHeldOpenAndRefusesEveryCallLongAfterItsDelayUntilForceClosed() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);

        breaker.holdOpen();
        advanceMillis(DELAY_MS * 1_000);

        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.state()).isEqualTo(BreakerState.HELD_OPEN);
        breaker.forceClosed();
        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(transitions).containsExactly("CLOSED->HELD_OPEN", "HELD_OPEN->CLOSED");
    }

    @Test
    void holdingOpenABreakerOpenedByFailuresIsAChangeOfStateAndForceOpenLetsItsDelayRunAgain() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        open(breaker);

        breaker.holdOpen();
        advanceMillis(DELAY_MS);
        assertThat(breaker.state()).isEqualTo(BreakerState.HELD_OPEN);
        breaker.forceOpen();
        assertThat(breaker.tryAcquire()).isNull();
        advanceMillis(DELAY_MS);

        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(transitions)
                .containsExactly(
                        "CLOSED->OPEN", "OPEN->HELD_OPEN", "HELD_OPEN->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void forceOpenOnAnOpenBreakerRestartsTheDelayWithoutReportingAChange() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);
        open(breaker);
        advanceMillis(DELAY_MS - 1);

        breaker.forceOpen();
        advanceMillis(1);

        assertThat(breaker.tryAcquire()).isNull();
        assertThat(transitions).containsExactly("CLOSED->OPEN");
    }

    @Test
    void theListenerSeesEveryTransitionInOrder() {
        CircuitBreaker breaker = breaker(2, 1.0, 1);

        open(breaker);
        advanceMillis(DELAY_MS);
        fail(breaker);
        advanceMillis(DELAY_MS);
        succeed(breaker);
        breaker.forceOpen();
        breaker.forceClosed();

        assertThat(transitions)
                .containsExactly(
                        "CLOSED->OPEN",
                        "OPEN->HALF_OPEN",
                        "HALF_OPEN->OPEN",
                        "OPEN->HALF_OPEN",
                        "HALF_OPEN->CLOSED",
                        "CLOSED->OPEN",
                        "OPEN->CLOSED");
    }

    @Test
    void theDefaultListenerIgnoresChanges() {
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(0, 1, 1.0, 1, ExceptionPredicate.all()),
                        ticker,
                        BreakerStateListener.NONE);

        fail(breaker);

        assertThat(breaker.policy().requestVolumeThreshold()).isEqualTo(1);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
    }

    /**
     * The breaker opens with ceil(ratio * size) failures in a full window, computed without floating-point
     * noise: 0.7 * 10 is 7.000000000000001 in doubles, and must still mean 7.
     */
    @ParameterizedTest(name = "ratio {1} of a window of {0} opens with {2} failures")
    @CsvSource({
        "10, 0.7, 7",
        "10, 0.3, 3",
        "10, 0.1, 1",
        "20, 0.35, 7",
        "5, 0.6, 3",
        "3, 0.5, 2",
        "4, 0.5, 2",
        "4, 0.75, 3",
        "4, 1.0, 4",
        "1, 1.0, 1",
        "3, 0.34, 2",
        "3, 0.33, 1",
    })
    void opensWithTheCeilingOfRatioTimesWindowSizeFailures(int size, double ratio, int failures) {
        assertThat(
                        new CircuitBreakerPolicy(0, size, ratio, 1, ExceptionPredicate.all())
                                .failuresToOpen())
                .isEqualTo(failures);

        CircuitBreaker oneShort = breaker(size, ratio, 1);
        for (int i = 0; i < size - failures + 1; i++) {
            succeed(oneShort);
        }
        for (int i = 0; i < failures - 1; i++) {
            fail(oneShort);
        }
        assertThat(oneShort.state())
                .as("full window with %d failures", failures - 1)
                .isEqualTo(BreakerState.CLOSED);

        CircuitBreaker enough = breaker(size, ratio, 1);
        for (int i = 0; i < size - failures; i++) {
            succeed(enough);
        }
        for (int i = 0; i < failures; i++) {
            fail(enough);
        }
        assertThat(enough.state())
                .as("full window with %d failures", failures)
                .isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aZeroRatioOpensAsSoonAsTheWindowIsFullWhateverItHolds() {
        CircuitBreaker breaker = breaker(3, 0.0, 1);

        succeed(breaker);
        succeed(breaker);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
        succeed(breaker);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
    }
}
