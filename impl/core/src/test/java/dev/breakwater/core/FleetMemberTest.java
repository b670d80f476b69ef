package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateChange;
import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetLeaseRequest;
import dev.breakwater.core.fleet.FleetReply;
import dev.breakwater.core.fleet.FleetReport;
import dev.breakwater.core.fleet.FleetView;
import dev.breakwater.core.fleet.InMemoryFleetBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Several instances of one application, each with its own {@link FleetMember} and breaker, sharing one
 * {@link InMemoryFleetBackend}: the fleet's rules seen from the breakers, with the exchanges driven one by one and
 * the store's and instances' clocks moved by the test, so every assertion is about counts and states.
 */
class FleetMemberTest {

    private static final long DELAY_MILLIS = 5_000;
    private static final IOException FAILURE = new IOException("gateway down");

    private final AtomicLong storeMillis = new AtomicLong(1_700_000_000_000L);
    private final InMemoryFleetBackend store = new InMemoryFleetBackend(storeMillis::get);
    private final AtomicLong instanceNanos = new AtomicLong();

    /** One instance: its member and its breaker named "gateway", window of 20 calls, ratio 0.5. */
    private final class Instance {
        final FleetMember member;
        final CircuitBreaker breaker;
        final List<BreakerStateChange> changes = new CopyOnWriteArrayList<>();

        Instance(String name, int successThreshold, FleetBackend backend) {
            member = FleetMember.builder(backend).instance(name).build();
            breaker =
                    new CircuitBreaker(
                            "gateway",
                            new CircuitBreakerPolicy(
                                    TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS),
                                    20,
                                    0.5,
                                    successThreshold,
                                    ExceptionPredicate.all()),
                            instanceNanos::get,
                            changes::add);
            member.join(breaker);
        }

        Instance(String name) {
            this(name, 1, store);
        }

        void fail(int calls) {
            for (int i = 0; i < calls; i++) {
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit).as("admitted").isNotNull();
                breaker.onFailure(permit, FAILURE);
            }
        }

        void succeed(int calls) {
            for (int i = 0; i < calls; i++) {
                CircuitBreaker.Permit permit = breaker.tryAcquire();
                assertThat(permit).as("admitted").isNotNull();
                breaker.onSuccess(permit);
            }
        }

        /** @return how many of the calls the breaker let through */
        int admitted(int calls) {
            int admitted = 0;
            for (int i = 0; i < calls; i++) {
                if (breaker.tryAcquire() != null) {
                    admitted++;
                }
            }
            return admitted;
        }

        BreakerState state() {
            return breaker.state();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store that passes everything to another, for tests that break one of its methods. */
    private static class ForwardingBackend implements FleetBackend {
        private final FleetBackend target;

        ForwardingBackend(FleetBackend target) {
            this.target = target;
        }

        @Override
        public FleetReply exchange(
                String instance, List<FleetReport> reports, List<FleetLeaseRequest> leases) {
            return target.exchange(instance, reports, leases);
        }

        @Override
        public void hold(String breaker, BreakerState state, Duration expiry) {
            target.hold(breaker, state, expiry);
        }

        @Override
        public void release(String breaker) {
            target.release(breaker);
        }

        @Override
        public long serverTimeMillis() {
            return target.serverTimeMillis();
        }

        @Override
        public void onTransition(Runnable callback) {
            target.onTransition(callback);
        }

        @Override
        public void close() {
            target.close();
        }
    }

    private void elapse(long millis) {
        storeMillis.addAndGet(millis);
        instanceNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static void rounds(Instance... instances) {
        for (Instance instance : instances) {
            instance.member.round();
        }
    }

    private Instance[] openedFleet(int successThreshold) {
        Instance a = new Instance("a", successThreshold, store);
        Instance b = new Instance("b", successThreshold, store);
        Instance c = new Instance("c", successThreshold, store);
        a.fail(10);
        b.fail(10);
        rounds(a, b, c, a);
        assertThat(List.of(a.state(), b.state(), c.state())).containsOnly(BreakerState.OPEN);
        return new Instance[] {a, b, c};
    }

    @Test
    void twoInstancesWhoseSummedWindowCrossesTheRatioOpenTheBreakerForTheWholeFleet() {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        Instance c = new Instance("c");
        a.fail(10);
        b.fail(10);

        assertThat(List.of(a.state(), b.state()))
                .as("ten failures do not fill a local window of 20")
                .containsOnly(BreakerState.CLOSED);
        rounds(a, b);
        assertThat(List.of(a.state(), b.state()))
                .as("b's exchange brought the second failing reporter")
                .containsExactly(BreakerState.CLOSED, BreakerState.OPEN);
        rounds(a, c);

        assertThat(List.of(a.state(), b.state(), c.state())).containsOnly(BreakerState.OPEN);
        assertThat(c.admitted(5)).as("the instance that saw no failure refuses too").isZero();
    }

    @Test
    void oneInstanceAloneCannotOpenTheFleetEvenWhenTheSumCrossesTheRatio() {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.fail(10);
        b.succeed(10);
        rounds(a, b);

        assertThat(List.of(a.state(), b.state())).containsOnly(BreakerState.CLOSED);
        FleetView view = b.member.view("gateway").orElseThrow();
        assertThat(view.windowCalls()).isEqualTo(20);
        assertThat(view.windowFailures()).isEqualTo(10);
        assertThat(view.failingReporters()).isEqualTo(1);
    }

    @Test
    void aQuorumOfOneLetsASingleInstanceOpenTheFleet() {
        Instance a = new Instance("a");
        FleetMember solo = FleetMember.builder(store).instance("solo").quorum(1).build();
        CircuitBreaker alone =
                new CircuitBreaker(
                        "solo-gateway",
                        new CircuitBreakerPolicy(
                                TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS),
                                20,
                                0.5,
                                1,
                                ExceptionPredicate.all()),
                        instanceNanos::get,
                        change -> {});
        solo.join(alone);
        for (int i = 0; i < 10; i++) {
            alone.onFailure(alone.tryAcquire(), FAILURE);
        }
        solo.round();

        assertThat(alone.state()).isEqualTo(BreakerState.CLOSED);
        for (int i = 0; i < 10; i++) {
            alone.onFailure(alone.tryAcquire(), FAILURE);
        }
        assertThat(alone.state()).as("its own window of 20 opened it").isEqualTo(BreakerState.OPEN);
        assertThat(a.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aHalfOpenFleetLetsAtMostSuccessThresholdProbesThroughAcrossAllInstances() {
        Instance[] fleet = openedFleet(2);
        elapse(DELAY_MILLIS);
        int refusedWhileWaitingForLeases = 0;
        for (Instance instance : fleet) {
            refusedWhileWaitingForLeases += 3 - instance.admitted(3);
        }
        rounds(fleet);
        int probes = 0;
        for (Instance instance : fleet) {
            probes += instance.admitted(10);
        }

        assertThat(refusedWhileWaitingForLeases)
                .as("no probe before the fleet grants a lease")
                .isEqualTo(9);
        assertThat(List.of(fleet[0].state(), fleet[1].state(), fleet[2].state()))
                .containsOnly(BreakerState.HALF_OPEN);
        assertThat(probes).isEqualTo(2);
    }

    @Test
    void successfulProbesCloseTheBreakerEverywhere() {
        Instance[] fleet = openedFleet(2);
        elapse(DELAY_MILLIS);
        fleet[1].admitted(2);
        rounds(fleet);
        fleet[1].succeed(2);
        rounds(fleet[1], fleet[0], fleet[2]);

        assertThat(List.of(fleet[0].state(), fleet[1].state(), fleet[2].state()))
                .containsOnly(BreakerState.CLOSED);
        assertThat(fleet[0].changes)
                .extracting(BreakerStateChange::to)
                .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED);
    }

    @Test
    void aFailedProbeOpensTheBreakerEverywhereAgain() {
        Instance[] fleet = openedFleet(2);
        elapse(DELAY_MILLIS);
        fleet[2].admitted(1);
        rounds(fleet);
        fleet[2].fail(1);

        assertThat(fleet[2].state()).as("the prober reopens at once").isEqualTo(BreakerState.OPEN);
        rounds(fleet[2], fleet[0], fleet[1]);
        assertThat(List.of(fleet[0].state(), fleet[1].state(), fleet[2].state()))
                .containsOnly(BreakerState.OPEN);
        assertThat(fleet[0].admitted(5)).isZero();
    }

    @Test
    void aHalfOpenPeriodLeftUndecidedOpensAgainAfterTheProbeLease() {
        Instance[] fleet = openedFleet(1);
        elapse(DELAY_MILLIS);
        fleet[0].admitted(1);
        rounds(fleet);
        assertThat(fleet[0].admitted(1)).as("the lease's probe never reports").isEqualTo(1);
        elapse(5_000);
        rounds(fleet);

        assertThat(List.of(fleet[0].state(), fleet[1].state(), fleet[2].state()))
                .containsOnly(BreakerState.OPEN);
    }

    @Test
    void aHoldReachesEveryInstanceAndExpiresOnTheStoresClock() {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofSeconds(30));
        rounds(a, b);

        assertThat(List.of(a.state(), b.state())).containsOnly(BreakerState.HELD_OPEN);
        assertThat(b.admitted(3)).isZero();
        elapse(29_999);
        rounds(a, b);
        assertThat(List.of(a.state(), b.state())).containsOnly(BreakerState.HELD_OPEN);
        elapse(1);
        rounds(a, b);
        assertThat(List.of(a.state(), b.state())).containsOnly(BreakerState.CLOSED);
    }

    @Test
    void aHoldEndsAtItsExpiryEvenWhenTheStoreIsGone() {
        Instance a = new Instance("a");
        a.member.hold("gateway", BreakerState.HELD_CLOSED, Duration.ofSeconds(30));
        rounds(a);
        a.fail(25);
        store.available(false);

        assertThat(a.state())
                .as("held closed: failures do not open it")
                .isEqualTo(BreakerState.HELD_CLOSED);
        elapse(30_000);
        assertThat(a.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aReleasedHoldLeavesTheBreakerClosedEverywhere() {
        Instance a = new Instance("a");
        Instance b = new Instance("b");
        a.member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofMinutes(10));
        rounds(a, b);
        b.member.release("gateway");
        rounds(a, b);

        assertThat(List.of(a.state(), b.state())).containsOnly(BreakerState.CLOSED);
    }

    @Test
    void holdsOutsideTheMembersRulesAreRefused() {
        Instance a = new Instance("a");

        assertThatThrownBy(() -> a.member.hold("gateway", BreakerState.OPEN, Duration.ofSeconds(1)))
                .hasMessageContaining(
                        "hold(OPEN, PT1S) is invalid; allowed: HELD_OPEN or HELD_CLOSED");
        assertThatThrownBy(
                        () -> a.member.hold("gateway", BreakerState.HELD_OPEN, Duration.ofDays(2)))
                .hasMessageContaining("at most PT24H (the member's maxHold)");
    }

    @Test
    void aMemberGoesLocalAfterItsNumberOfFailedExchangesInARowAndRejoinsWithoutFalseTransitions() {
        Instance[] fleet = openedFleet(1);
        Instance a = fleet[0];
        store.available(false);
        rounds(a);
        rounds(a);

        assertThat(a.member.local()).isFalse();
        rounds(a);
        assertThat(a.member.local()).isTrue();
        assertThat(a.member.failedExchanges())
                .isEqualTo(a.member.fallbackAfterFailures())
                .isEqualTo(3);
        assertThat(a.state()).as("the open delay keeps its end").isEqualTo(BreakerState.OPEN);
        elapse(DELAY_MILLIS);
        assertThat(a.admitted(3)).as("alone, the breaker probes on its own").isEqualTo(1);
        int changesBefore = a.changes.size();

        store.available(true);
        rounds(fleet);
        assertThat(a.member.local()).isFalse();
        assertThat(a.member.fallbacks()).isEqualTo(1);
        assertThat(a.changes.subList(changesBefore, a.changes.size()))
                .as("half-open stays half-open")
                .isEmpty();
    }

    @Test
    void anInstanceThatStayedClosedIsNotPulledIntoAHalfOpenPeriodWhenItRejoins() {
        Instance[] fleet = openedFleet(1);
        Instance a = fleet[0];
        store.available(false);
        rounds(a, a, a);
        elapse(DELAY_MILLIS);
        a.breaker.onSuccess(a.breaker.tryAcquire());
        assertThat(a.state()).as("its local probe closed it").isEqualTo(BreakerState.CLOSED);
        int changesBefore = a.changes.size();

        store.available(true);
        rounds(a);
        assertThat(a.member.view("gateway").orElseThrow().state())
                .isEqualTo(BreakerState.HALF_OPEN);
        assertThat(a.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(a.changes.size()).isEqualTo(changesBefore);
    }

    @Test
    void aViewBreakingTheBreakersRulesIsRefusedAndTheBreakerGoesOnAlone() {
        FleetView hostile = new FleetView(BreakerState.HELD_OPEN, 7, Long.MAX_VALUE, 0, 0, 0, 0);
        FleetBackend lying =
                new FleetBackend() {
                    @Override
                    public FleetReply exchange(
                            String instance,
                            List<FleetReport> reports,
                            List<FleetLeaseRequest> leases) {
                        List<FleetView> views = new ArrayList<>();
                        reports.forEach(report -> views.add(hostile));
                        return new FleetReply(0, views);
                    }

                    @Override
                    public void hold(String breaker, BreakerState state, Duration expiry) {}

                    @Override
                    public void release(String breaker) {}

                    @Override
                    public long serverTimeMillis() {
                        return 0;
                    }

                    @Override
                    public void onTransition(Runnable callback) {}

                    @Override
                    public void close() {}
                };
        Instance a = new Instance("a", 1, lying);
        rounds(a);

        assertThat(a.member.refusedViews()).isEqualTo(1);
        assertThat(a.state()).isEqualTo(BreakerState.CLOSED);
        assertThat(a.admitted(3)).isEqualTo(3);
        a.fail(20);
        assertThat(a.state()).as("its own window still works").isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aLocalHoldWinsOverTheFleet() {
        Instance[] fleet = openedFleet(1);
        Instance a = fleet[0];
        a.breaker.holdClosed();
        rounds(fleet);

        assertThat(a.state()).isEqualTo(BreakerState.HELD_CLOSED);
        assertThat(fleet[1].state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aListenerThatThrowsStopsNeitherTheChangeNorTheOtherBreakers() {
        FleetMember member = FleetMember.builder(store).instance("a").build();
        CircuitBreakerPolicy policy =
                new CircuitBreakerPolicy(
                        TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS),
                        20,
                        0.5,
                        1,
                        ExceptionPredicate.all());
        CircuitBreaker throwing =
                new CircuitBreaker(
                        "throwing",
                        policy,
                        instanceNanos::get,
                        change -> {
                            throw new IllegalStateException("a listener's bug");
                        });
        CircuitBreaker after =
                new CircuitBreaker("after", policy, instanceNanos::get, change -> {});
        member.join(throwing);
        member.join(after);
        member.hold("throwing", BreakerState.HELD_OPEN, Duration.ofMinutes(1));
        member.hold("after", BreakerState.HELD_OPEN, Duration.ofMinutes(1));
        member.round();

        assertThat(throwing.state()).isEqualTo(BreakerState.HELD_OPEN);
        assertThat(after.state()).isEqualTo(BreakerState.HELD_OPEN);
        assertThat(member.failedExchanges()).isZero();
    }

    @Test
    void anErrorFromTheStoreIsLoggedCountedAsAFailedExchangeAndTheMembersThreadGoesOn()
            throws Exception {
        CountDownLatch fifthExchange = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        FleetBackend brokenThenWell =
                new ForwardingBackend(store) {
                    @Override
                    public FleetReply exchange(
                            String instance,
                            List<FleetReport> reports,
                            List<FleetLeaseRequest> leases) {
                        int call = calls.incrementAndGet();
                        if (call == 5) {
                            fifthExchange.countDown();
                            awaitQuietly(
                                    checked); // holds the counts still while the test reads them
                        }
                        if (call <= 3) {
                            throw new NoClassDefFoundError(
                                    "io/netty/channel/MultiThreadIoEventLoopGroup");
                        }
                        return super.exchange(instance, reports, leases);
                    }
                };
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(FleetMember.class.getName());
        Handler capture =
                new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        logged.add(record);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        log.addHandler(capture);
        try (FleetMember member =
                FleetMember.builder(brokenThenWell)
                        .instance("erring")
                        .flushInterval(Duration.ofMillis(10))
                        .start()) {
            assertThat(fifthExchange.await(10, TimeUnit.SECONDS))
                    .as("the member's thread went on exchanging after the Error")
                    .isTrue();

            assertThat(member.failedExchanges()).isEqualTo(3);
            assertThat(member.fallbacks()).as("3 failures in a row: local").isEqualTo(1);
            assertThat(member.exchanges()).as("and back on the first answer").isEqualTo(1);
            assertThat(member.local()).isFalse();
        } finally {
            checked.countDown();
            log.removeHandler(capture);
        }
        assertThat(logged)
                .filteredOn(record -> record.getLevel() == Level.SEVERE)
                .singleElement()
                .satisfies(
                        record -> {
                            assertThat(record.getMessage())
                                    .contains("fleet member erring")
                                    .contains("NoClassDefFoundError");
                            assertThat(record.getThrown()).isInstanceOf(NoClassDefFoundError.class);
                        });
    }

    @Test
    void
            aListenerThatThrowsAnErrorWhenTheMemberGoesLocalStopsNeitherTheOtherBreakersNorTheMember() {
        CircuitBreakerPolicy policy =
                new CircuitBreakerPolicy(
                        TimeUnit.MILLISECONDS.toNanos(DELAY_MILLIS),
                        20,
                        0.5,
                        1,
                        ExceptionPredicate.all());
        List<FleetMember> members = new ArrayList<>();
        List<CircuitBreaker> firsts = new ArrayList<>();
        List<CircuitBreaker> seconds = new ArrayList<>();
        for (String name : List.of("x", "y")) {
            FleetMember member = FleetMember.builder(store).instance(name).build();
            CircuitBreaker first =
                    new CircuitBreaker(
                            "first",
                            policy,
                            instanceNanos::get,
                            change -> {
                                if (change.to() == BreakerState.HALF_OPEN) {
                                    throw new LinkageError("a listener's bug");
                                }
                            });
            CircuitBreaker second =
                    new CircuitBreaker("second", policy, instanceNanos::get, change -> {});
            member.join(first);
            member.join(second);
            for (CircuitBreaker breaker : List.of(first, second)) {
                for (int i = 0; i < 10; i++) {
                    breaker.onFailure(breaker.tryAcquire(), FAILURE);
                }
            }
            members.add(member);
            firsts.add(first);
            seconds.add(second);
        }
        FleetMember x = members.get(0);
        x.round();
        members.get(1).round();
        x.round();
        assertThat(seconds.get(0).refusingForFleet()).as("open for the fleet").isTrue();
        elapse(DELAY_MILLIS);

        store.available(false);
        x.round();
        x.round();
        // The third failure: the breakers go local, their open delays end as they leave the
        // fleet, and the listener throws.
        x.round();

        assertThat(x.local()).isTrue();
        assertThat(x.failedExchanges()).isEqualTo(3);
        assertThat(firsts.get(0).refusingForFleet())
                .as("the throwing breaker left the fleet's phases")
                .isFalse();
        assertThat(seconds.get(0).refusingForFleet())
                .as("the breaker after it left them too")
                .isFalse();
        assertThat(seconds.get(0).state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(seconds.get(0).tryAcquire()).as("a local trial call").isNotNull();
    }

    @Test
    void twoBreakersOfOneNameCannotJoinOneMember() {
        Instance a = new Instance("a");
        CircuitBreaker twin = CircuitBreaker.builder("gateway").build();

        assertThatThrownBy(() -> a.member.join(twin))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a breaker of that name is a member already");
    }

    @Test
    void aBreakerBuiltWithAMemberReportsThroughIt() {
        FleetMember member = FleetMember.builder(store).instance("built").build();
        CircuitBreaker breaker = CircuitBreaker.builder("built-gateway").fleet(member).build();
        breaker.onFailure(breaker.tryAcquire(), FAILURE);
        member.round();

        assertThat(member.view("built-gateway").orElseThrow().windowFailures()).isEqualTo(1);
    }

    @Test
    void closingTheMemberStopsItsThreadAndLeavesTheFleetsPhases() throws Exception {
        FleetMember member =
                FleetMember.builder(store)
                        .instance("threaded")
                        .flushInterval(Duration.ofMillis(10))
                        .start();
        Thread thread =
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("breakwater-fleet-threaded"))
                        .findFirst()
                        .orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (member.exchanges() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(member.exchanges()).isGreaterThanOrEqualTo(2);
        assertThat(thread.isDaemon()).isTrue();

        member.close();
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void invalidMemberOptionsAreAllNamed() {
        assertThatThrownBy(
                        () ->
                                FleetMember.builder(store)
                                        .instance("x")
                                        .flushInterval(Duration.ofMillis(1))
                                        .quorum(0)
                                        .window(Duration.ofMillis(1500))
                                        .probeLease(Duration.ZERO)
                                        .fallbackAfterFailures(0)
                                        .maxHold(Duration.ofSeconds(-1))
                                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet member 'x' has 6 invalid options")
                .hasMessageContaining("flushInterval(PT0.001S) is invalid; allowed: 10 ms to 1 min")
                .hasMessageContaining("quorum(0) is invalid; allowed: 1 or more")
                .hasMessageContaining(
                        "window(PT1.5S) is invalid; allowed: whole seconds from 1 s to 1 h")
                .hasMessageContaining("probeLease(PT0S) is invalid; allowed: 1 ms or more")
                .hasMessageContaining("fallbackAfterFailures(0) is invalid; allowed: 1 or more")
                .hasMessageContaining("maxHold(PT-1S) is invalid; allowed: 1 ms or more");
    }
}
