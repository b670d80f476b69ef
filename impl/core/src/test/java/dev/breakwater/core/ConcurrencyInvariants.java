package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerState;
import dev.breakwater.api.BreakerStateListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The invariants of bulkheads and circuit breakers hold under concurrent calls: 10^5 calls per test from many
 * callers, mixing successes, exceptions, timeouts, interrupts and {@code cancel(true)}. Subclasses choose the
 * callers' threads. Random choices are seeded per caller, so a failure's mix can be replayed, though not its
 * interleaving.
 */
abstract class ConcurrencyInvariants {

    static final int CALLS = 100_000;
    private static final long TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int VALUE = 3;
    private static final int QUEUE = 5;
    private static final int ADMISSION_ROUNDS = 10_000;

    private final ThreadPools threads = ThreadPools.create("stress");
    private Callers callers;

    /** @return the callers the tests run on */
    abstract Callers newCallers();

    @BeforeEach
    void startCallers() {
        callers = newCallers();
    }

    @AfterEach
    void stopThreads() {
        callers.close();
        threads.close();
    }

    private int callsPerCaller() {
        return CALLS / callers.count();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bulkheads

    @Test
    void aSynchronousBulkheadNeverAdmitsMoreThanItsValueAndGetsEveryPlaceBack() throws Exception {
        Occupancy inside = new Occupancy();
        Pipeline<Callable<Object>> pipeline =
                Pipeline.<Callable<Object>>builder("sync-stress", Callable::call)
                        .timeout(new TimeoutPolicy(TIMEOUT_NANOS))
                        .bulkhead(new BulkheadPolicy(VALUE, 1))
                        .build(threads);
        Outcomes outcomes = new Outcomes();

        callers.run(
                caller -> {
                    SplittableRandom random = new SplittableRandom(caller);
                    for (int call = 0; call < callsPerCaller(); call++) {
                        int dice = random.nextInt(100);
                        if (dice >= 90 && dice < 95) {
                            Thread.currentThread()
                                    .interrupt(); // an interrupt that arrived before the call
                        }
                        try {
                            outcomes.record(
                                    pipeline.call(
                                            syncBehaviour(dice, random.nextInt(200), inside)));
                        } catch (Exception e) {
                            outcomes.record(e);
                        } finally {
                            Thread.interrupted();
                        }
                    }
                });

        assertThat(inside.most()).as("most calls inside at once").isLessThanOrEqualTo(VALUE);
        assertThat(outcomes.total()).isEqualTo(callsPerCaller() * callers.count());
        assertThat(outcomes.count(BulkheadFull.class))
                .as("calls refused by the full bulkhead")
                .isPositive();
        assertThat(outcomes.count(TimedOut.class)).as("calls that timed out").isPositive();
        assertThat(outcomes.count(IOException.class)).as("calls that failed").isPositive();
        assertThat(outcomes.count(InterruptedException.class))
                .as("calls that were interrupted")
                .isPositive();
        assertThat(pipeline.bulkhead().running()).as("places still taken").isZero();
        assertSyncCapacityIsWhole(pipeline);
    }

    /** Successes, failures, calls that hang until the timeout interrupts them, and interrupted calls. */
    private static Callable<Object> syncBehaviour(int dice, int work, Occupancy inside) {
        return () -> {
            inside.enter();
            try {
                if (dice < 65) {
                    spin(work);
                    return "ok";
                }
                if (dice < 80) {
                    throw new IOException("failed");
                }
                if (dice < 85) {
                    new CountDownLatch(1).await(); // until the timeout interrupts it
                    return "never";
                }
                if (dice < 90) {
                    Thread.currentThread().interrupt(); // an interrupt that arrives during the call
                }
                if (dice < 95) {
                    new CountDownLatch(1).await(); // fails at once: the thread is interrupted
                    return "never";
                }
                throw new IllegalStateException("failed unchecked");
            } finally {
                inside.leave();
            }
        };
    }

    /** Every place can be taken again: {@code VALUE} calls run at once, and one more does not run. */
    private static void assertSyncCapacityIsWhole(Pipeline<Callable<Object>> pipeline)
            throws Exception {
        CountDownLatch entered = new CountDownLatch(VALUE);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holders = Executors.newFixedThreadPool(VALUE);
        try {
            List<Future<Object>> held = new ArrayList<>();
            for (int i = 0; i < VALUE; i++) {
                held.add(
                        holders.submit(
                                () ->
                                        pipeline.call(
                                                () -> {
                                                    entered.countDown();
                                                    awaitIgnoringInterrupts(release);
                                                    return "held";
                                                })));
            }
            Gate.await(entered);
            // Refused, so its operation never runs. (Its failure is the bulkhead's, unless the 2 ms
            // timeout that
            // also guards it expired first on a busy machine: then it is the timeout's.)
            AtomicBoolean ran = new AtomicBoolean();
            assertThatThrownBy(() -> pipeline.call(() -> ran.getAndSet(true)))
                    .isInstanceOfAny(BulkheadFull.class, TimedOut.class);
            assertThat(ran).isFalse();
            release.countDown();
            for (Future<Object> call : held) {
                try {
                    call.get(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause())
                            .as("a held call times out, it is not refused")
                            .isInstanceOf(TimedOut.class);
                }
            }
        } finally {
            holders.shutdownNow();
        }
    }

    @Test
    void anAsynchronousBulkheadNeverRunsMoreThanItsValueNorHoldsMoreThanItsQueueAllows()
            throws Exception {
        stressAsynchronousBulkhead(false);
    }

    @Test
    void anAsynchronousBulkheadWithTimeoutsNeverRunsMoreThanItsValueNorHoldsMoreThanItsQueueAllows()
            throws Exception {
        stressAsynchronousBulkhead(true);
    }

    /**
     * Without timeouts the whole capacity is checked exactly afterwards; with them, the queued calls of that
     * check would time out and leave the queue, so only the running places are checked.
     */
    private void stressAsynchronousBulkhead(boolean timeouts) throws Exception {
        Occupancy inside = new Occupancy();
        PipelineBuilder<Callable<Object>> builder =
                Pipeline.<Callable<Object>>builder("async-stress", Callable::call)
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .bulkhead(new BulkheadPolicy(VALUE, QUEUE));
        if (timeouts) {
            builder.timeout(new TimeoutPolicy(TIMEOUT_NANOS));
        }
        Pipeline<Callable<Object>> pipeline = builder.build(threads);
        BulkheadGauges gauges = pipeline.bulkhead();
        Outcomes outcomes = new Outcomes();
        AtomicInteger mostRunning = new AtomicInteger();
        AtomicInteger mostWaiting = new AtomicInteger();
        AtomicBoolean stressing = new AtomicBoolean(true);
        Thread sampler =
                new Thread(
                        () -> {
                            while (stressing.get()) {
                                mostRunning.accumulateAndGet(gauges.running(), Math::max);
                                mostWaiting.accumulateAndGet(gauges.waiting(), Math::max);
                                LockSupport.parkNanos(
                                        20_000); // a sampling rate, not a synchronisation
                            }
                        },
                        "stress-sampler");
        sampler.start();

        try {
            callers.run(
                    caller -> {
                        SplittableRandom random = new SplittableRandom(caller);
                        Deque<MadeCall> inFlight = new ArrayDeque<>();
                        for (int call = 0; call < callsPerCaller(); call++) {
                            int dice = random.nextInt(100);
                            CompletableFuture<Object> result =
                                    stage(
                                            pipeline.call(
                                                    asyncBehaviour(
                                                            dice,
                                                            timeouts,
                                                            random.nextInt(200),
                                                            inside,
                                                            gauges,
                                                            mostRunning)));
                            boolean doneAtReturn = result.isDone();
                            if (dice >= 85 && dice < 95) {
                                spin(random.nextInt(2000)); // sometimes before, sometimes after it
                                // started
                                result.cancel(true);
                            }
                            inFlight.addLast(new MadeCall(result, doneAtReturn));
                            if (inFlight.size() == 4) {
                                outcomes.await(inFlight.removeFirst());
                            }
                        }
                        while (!inFlight.isEmpty()) {
                            outcomes.await(inFlight.removeFirst());
                        }
                    });
        } finally {
            stressing.set(false);
            sampler.join();
        }

        assertThat(inside.most()).as("most calls running at once").isLessThanOrEqualTo(VALUE);
        assertThat(mostRunning.get())
                .as("most running seen by the bulkhead")
                .isLessThanOrEqualTo(VALUE);
        assertThat(mostWaiting.get())
                .as("most waiting seen by the bulkhead")
                .isLessThanOrEqualTo(QUEUE);
        assertThat(outcomes.total()).isEqualTo(callsPerCaller() * callers.count());
        assertThat(outcomes.count(BulkheadFull.class))
                .as("calls refused by the full bulkhead")
                .isPositive();
        assertThat(outcomes.refusedLate())
                .as("refused calls whose future was not done when the call returned")
                .isZero();
        assertThat(outcomes.count(CancellationException.class)).as("calls cancelled").isPositive();
        assertThat(outcomes.count(IOException.class)).as("calls that failed").isPositive();
        if (timeouts) {
            assertThat(outcomes.count(TimedOut.class)).as("calls that timed out").isPositive();
        }
        awaitCondition(
                () -> gauges.running() == 0 && gauges.waiting() == 0, "every place is given back");
        assertAsyncCapacityIsWhole(pipeline, timeouts);
    }

    private static Callable<Object> asyncBehaviour(
            int dice,
            boolean timeouts,
            int work,
            Occupancy inside,
            BulkheadGauges gauges,
            AtomicInteger mostRunning) {
        return () -> {
            inside.enter();
            mostRunning.accumulateAndGet(gauges.running(), Math::max);
            try {
                if (dice < 60) {
                    spin(work);
                    return CompletableFuture.completedFuture("ok");
                }
                if (dice < 75) {
                    throw new IOException("failed");
                }
                if (dice < 85 && timeouts) {
                    new CountDownLatch(1).await(); // until the timeout interrupts it
                }
                if (dice >= 85 && dice < 95) {
                    new CountDownLatch(1).await(); // until cancel(true) interrupts it
                }
                return CompletableFuture.failedFuture(
                        new IllegalStateException("failed asynchronously"));
            } finally {
                inside.leave();
            }
        };
    }

    private static void assertAsyncCapacityIsWhole(
            Pipeline<Callable<Object>> pipeline, boolean timeouts) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<Object>> held =
                timeouts
                        ? holdEveryPlaceOneByOne(pipeline, release)
                        : holdEveryPlaceAndQueueSlot(pipeline, release);
        if (!timeouts) {
            awaitCondition(() -> pipeline.bulkhead().waiting() == QUEUE, "the queue is full");
            CompletableFuture<Object> oneTooMany =
                    stage(pipeline.call(() -> CompletableFuture.completedFuture("no")));
            assertThat(failureOf(oneTooMany)).isInstanceOf(BulkheadFull.class);
        }
        release.countDown();
        for (CompletableFuture<Object> call : held) {
            Throwable failure = failureOf(call);
            if (failure != null) {
                assertThat(failure)
                        .as("a held call is not refused")
                        .isNotInstanceOf(BulkheadFull.class);
            }
        }
    }

    private static List<CompletableFuture<Object>> holdEveryPlaceAndQueueSlot(
            Pipeline<Callable<Object>> pipeline, CountDownLatch release) throws Exception {
        CountDownLatch entered = new CountDownLatch(VALUE);
        List<CompletableFuture<Object>> held = new ArrayList<>();
        for (int i = 0; i < VALUE + QUEUE; i++) {
            held.add(
                    stage(
                            pipeline.call(
                                    () -> {
                                        entered.countDown();
                                        awaitIgnoringInterrupts(release);
                                        return CompletableFuture.completedFuture("held");
                                    })));
        }
        Gate.await(entered);
        return held;
    }

    /**
     * With a timeout of a few milliseconds, an admitted attempt can time out on a loaded machine before a worker
     * thread starts it; it then never runs and gives its place back. Such a call is made again, so that every
     * place ends up held by an attempt that runs.
     */
    private static List<CompletableFuture<Object>> holdEveryPlaceOneByOne(
            Pipeline<Callable<Object>> pipeline, CountDownLatch release) throws Exception {
        List<CompletableFuture<Object>> held = new ArrayList<>();
        for (int place = 0; place < VALUE; place++) {
            boolean running = false;
            for (int attempt = 0; attempt < 100 && !running; attempt++) {
                CountDownLatch entered = new CountDownLatch(1);
                CompletableFuture<Object> call =
                        stage(
                                pipeline.call(
                                        () -> {
                                            entered.countDown();
                                            awaitIgnoringInterrupts(release);
                                            return CompletableFuture.completedFuture("held");
                                        }));
                awaitCondition(
                        () -> entered.getCount() == 0 || call.isDone(),
                        "the call ran or timed out");
                running = entered.getCount() == 0;
                if (running) {
                    held.add(call);
                } else {
                    assertThat(failureOf(call))
                            .as("a call that never ran timed out")
                            .isInstanceOf(TimedOut.class);
                }
            }
            assertThat(running).as("place %d is held by a running attempt", place).isTrue();
        }
        return held;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Admission to asynchronous bulkheads

    /**
     * The scenario of issue 16: with one place and one queue slot, a caller makes three calls in a row while the
     * first holds the place. The second fits in the queue and must run; the third does not fit and must be
     * refused, its future failed by the time the call returns.
     */
    @Test
    void anAsynchronousBulkheadRefusesExactlyTheCallsThatDidNotFitWhenTheyWereMade()
            throws Exception {
        AdmissionCounts counts = admissionRounds(1, 3, ADMISSION_ROUNDS);

        counts.assertNone();
    }

    /** A longer queue: calls made one after another from one thread are admitted, and run, in call order. */
    @Test
    void callsFromOneThreadAreAdmittedInCallOrder() throws Exception {
        AdmissionCounts counts = admissionRounds(QUEUE, QUEUE + 3, ADMISSION_ROUNDS / 10);

        counts.assertNone();
    }

    /**
     * Every caller has a pipeline of its own with one place and {@code queue} slots and plays {@code rounds}
     * rounds: it makes {@code calls} calls in a row, the first holding the place until the round ends, then
     * compares what happened with what the calls' order allows: calls 0 to {@code queue} run, in that order, and
     * the rest are refused at once.
     */
    private AdmissionCounts admissionRounds(int queue, int calls, int rounds) throws Exception {
        AdmissionCounts counts = new AdmissionCounts(rounds * callers.count());
        callers.run(
                caller -> {
                    Pipeline<Callable<Object>> pipeline =
                            Pipeline.<Callable<Object>>builder("admission", Callable::call)
                                    .asynchronous(AsyncMode.COMPLETION_STAGE)
                                    .bulkhead(new BulkheadPolicy(1, queue))
                                    .build(threads);
                    for (int round = 0; round < rounds; round++) {
                        CountDownLatch release = new CountDownLatch(1);
                        Queue<Integer> ran = new ConcurrentLinkedQueue<>();
                        List<CompletableFuture<Object>> results = new ArrayList<>();
                        List<Boolean> doneAtReturn = new ArrayList<>();
                        for (int call = 0; call < calls; call++) {
                            int index = call;
                            CompletableFuture<Object> result =
                                    stage(
                                            pipeline.call(
                                                    () -> {
                                                        ran.add(index);
                                                        if (index == 0) {
                                                            release.await();
                                                        }
                                                        return CompletableFuture.completedFuture(
                                                                index);
                                                    }));
                            doneAtReturn.add(result.isDone());
                            results.add(result);
                        }
                        release.countDown();
                        List<Integer> refused = new ArrayList<>();
                        for (int call = 0; call < calls; call++) {
                            Throwable failure = failureOf(results.get(call));
                            if (failure instanceof BulkheadFull) {
                                refused.add(call);
                                if (!doneAtReturn.get(call)) {
                                    counts.refusedLate.increment();
                                }
                            } else {
                                assertThat(failure)
                                        .as("call %d of caller %d", call, caller)
                                        .isNull();
                            }
                        }
                        if (refused.stream().anyMatch(call -> call <= queue)) {
                            counts.fittingCallRefused.increment();
                        }
                        if (refused.size() != calls - 1 - queue) {
                            counts.wrongRefusals.increment();
                        }
                        if (!new ArrayList<>(ran)
                                .equals(IntStream.rangeClosed(0, queue).boxed().toList())) {
                            counts.ranOutOfCallOrder.increment();
                        }
                    }
                });
        return counts;
    }

    /** How many rounds of {@link #admissionRounds} broke each rule. */
    private static final class AdmissionCounts {
        private final int rounds;
        final LongAdder fittingCallRefused = new LongAdder();
        final LongAdder wrongRefusals = new LongAdder();
        final LongAdder refusedLate = new LongAdder();
        final LongAdder ranOutOfCallOrder = new LongAdder();

        AdmissionCounts(int rounds) {
            this.rounds = rounds;
        }

        void assertNone() {
            assertThat(
                            Map.of(
                                    "rounds in which a call that fit was refused",
                                            fittingCallRefused.sum(),
                                    "rounds in which not exactly the calls that did not fit were refused",
                                            wrongRefusals.sum(),
                                    "refused calls whose future was not done when the call returned",
                                            refusedLate.sum(),
                                    "rounds in which the admitted calls ran out of call order",
                                            ranOutOfCallOrder.sum()))
                    .as("of %d rounds", rounds)
                    .allSatisfy((rule, broken) -> assertThat(broken).as(rule).isZero());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Circuit breakers

    @Test
    void aHalfOpenBreakerNeverLetsMoreThanSuccessThresholdTrialsInAtOnce() throws Exception {
        int successThreshold = 3;
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                1_000, 4, 0.5, successThreshold, ExceptionPredicate.all()),
                        now::get,
                        BreakerStateListener.NONE);
        int rounds = callsPerCaller();
        Occupancy trials = new Occupancy();
        AtomicInteger round = new AtomicInteger();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        // Every round: the breaker opens and its delay passes; every caller asks for a permit at
        // once; the
        // admitted ones hold theirs until all have asked, then report. One round in four, a trial
        // fails.
        CyclicBarrier opened =
                new CyclicBarrier(
                        callers.count(),
                        () -> {
                            breaker.forceOpen();
                            now.addAndGet(1_000);
                        });
        CyclicBarrier asked =
                new CyclicBarrier(
                        callers.count(),
                        () -> {
                            if (trials.now() != successThreshold) {
                                violations.add(
                                        "round "
                                                + round
                                                + ": "
                                                + trials.now()
                                                + " trials admitted");
                            }
                        });
        CyclicBarrier reported =
                new CyclicBarrier(
                        callers.count(),
                        () -> {
                            BreakerState expected =
                                    round.get() % 4 == 0 ? BreakerState.OPEN : BreakerState.CLOSED;
                            if (breaker.state() != expected) {
                                violations.add(
                                        "round "
                                                + round
                                                + ": "
                                                + breaker.state()
                                                + " instead of "
                                                + expected);
                            }
                            round.incrementAndGet();
                        });
        AtomicInteger reportsThisRound = new AtomicInteger();

        callers.run(
                caller -> {
                    for (int i = 0; i < rounds; i++) {
                        opened.await();
                        CircuitBreaker.Permit permit = breaker.tryAcquire();
                        if (permit != null) {
                            trials.enter();
                        }
                        asked.await();
                        if (permit != null) {
                            trials.leave();
                            boolean fails =
                                    round.get() % 4 == 0 && reportsThisRound.getAndIncrement() == 0;
                            if (fails) {
                                breaker.onFailure(permit, new IOException("trial failed"));
                            } else {
                                breaker.onSuccess(permit);
                            }
                        }
                        reported.await();
                        reportsThisRound.set(0);
                    }
                });

        assertThat(trials.most()).as("most trials at once").isEqualTo(successThreshold);
        assertThat(violations).isEmpty();
    }

    @Test
    void aBreakerOpensExactlyWhenItsRollingWindowHoldsEnoughFailuresAsAModelSays()
            throws Exception {
        int window = 10;
        double failureRatio = 0.5;
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                TimeUnit.HOURS.toNanos(1),
                                window,
                                failureRatio,
                                1,
                                ExceptionPredicate.all()),
                        Ticker.SYSTEM,
                        BreakerStateListener.NONE);
        boolean[] fails = new boolean[CALLS];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < CALLS; i++) {
            fails[i] = random.nextInt(100) < 40;
        }
        WindowModel model = new WindowModel(window, failureRatio);
        AtomicInteger turn = new AtomicInteger();
        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicInteger openings = new AtomicInteger();

        // The outcomes are recorded in a fixed global order, but each by whichever caller's turn it
        // is, so the breaker's state moves between threads after every outcome, as it does in
        // production. Whoever ends a turn wakes the caller of the next one: callers spinning on
        // Thread.yield() needed a scheduling round per turn on a loaded machine, and 10^5 turns
        // then outlasted the test's patience.
        Thread[] byCaller = new Thread[callers.count()];
        callers.run(
                caller -> {
                    synchronized (byCaller) {
                        byCaller[caller] = Thread.currentThread();
                    }
                    for (int i = caller; i < CALLS; i += callers.count()) {
                        while (turn.get() != i) {
                            LockSupport.park(turn);
                        }
                        CircuitBreaker.Permit permit = breaker.tryAcquire();
                        if (permit == null) {
                            mismatches.add("call " + i + " refused while the model is closed");
                        } else if (fails[i]) {
                            breaker.onFailure(permit, new IOException());
                        } else {
                            breaker.onSuccess(permit);
                        }
                        boolean modelOpen = model.record(fails[i]);
                        if ((breaker.state() == BreakerState.OPEN) != modelOpen) {
                            mismatches.add(
                                    "call "
                                            + i
                                            + ": breaker "
                                            + breaker.state()
                                            + ", model open "
                                            + modelOpen);
                        }
                        if (modelOpen) {
                            openings.incrementAndGet();
                            breaker.forceClosed();
                            model.clear();
                        }
                        turn.set(i + 1);
                        Thread next;
                        synchronized (byCaller) {
                            next = byCaller[(i + 1) % byCaller.length];
                        }
                        if (next != null) {
                            LockSupport.unpark(next);
                        }
                    }
                });

        assertThat(mismatches).isEmpty();
        assertThat(openings.get()).as("the model opened the breaker").isPositive();
    }

    @Test
    void concurrentOutcomesLeaveTheRollingWindowsCountsExact() throws Exception {
        int window = 64;
        CircuitBreaker breaker =
                new CircuitBreaker(
                        "breaker",
                        new CircuitBreakerPolicy(
                                TimeUnit.HOURS.toNanos(1),
                                window,
                                1.0,
                                1,
                                ExceptionPredicate.all()),
                        Ticker.SYSTEM,
                        BreakerStateListener.NONE);
        int rounds = 100;
        int perCallerPerRound = CALLS / rounds / callers.count();

        for (int round = 0; round < rounds; round++) {
            int seed = round;
            // A burst of half failures: a window of 64 that is all failures is practically
            // impossible (2^-64).
            callers.run(
                    caller -> {
                        SplittableRandom random = new SplittableRandom(seed * 1000L + caller);
                        for (int i = 0; i < perCallerPerRound; i++) {
                            CircuitBreaker.Permit permit = breaker.tryAcquire();
                            if (random.nextBoolean()) {
                                breaker.onFailure(permit, new IOException());
                            } else {
                                breaker.onSuccess(permit);
                            }
                        }
                    });
            assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
            // If a count drifted during the burst, the breaker now opens before or after the 64th
            // failure.
            for (int i = 0; i < window; i++) {
                breaker.onSuccess(breaker.tryAcquire());
            }
            for (int failures = 1; failures < window; failures++) {
                breaker.onFailure(breaker.tryAcquire(), new IOException());
                assertThat(breaker.state())
                        .as("after %d failures in round %d", failures, round)
                        .isEqualTo(BreakerState.CLOSED);
            }
            breaker.onFailure(breaker.tryAcquire(), new IOException());
            assertThat(breaker.state())
                    .as("after 64 failures in round %d", round)
                    .isEqualTo(BreakerState.OPEN);
            breaker.forceClosed();
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The rolling window as the spec describes it, in the simplest way: a list of the last outcomes. */
    private static final class WindowModel {
        private final int size;
        private final double failureRatio;
        private final Deque<Boolean> outcomes = new ArrayDeque<>();

        WindowModel(int size, double failureRatio) {
            this.size = size;
            this.failureRatio = failureRatio;
        }

        /** @return whether the breaker is open after this outcome */
        boolean record(boolean failed) {
            outcomes.addLast(failed);
            if (outcomes.size() > size) {
                outcomes.removeFirst();
            }
            long failures = outcomes.stream().filter(Boolean::booleanValue).count();
            return outcomes.size() == size && failures >= failureRatio * size;
        }

        void clear() {
            outcomes.clear();
        }
    }

    /** An asynchronous call as its caller saw it return: whether its future was already done. */
    private record MadeCall(CompletableFuture<Object> result, boolean doneAtReturn) {}

    /**
     * Counts outcomes by kind (a result, or the type of the failure), and refusals that were decided after the call
     * returned.
     */
    private static final class Outcomes {
        private final Map<Class<?>, LongAdder> byKind = new ConcurrentHashMap<>();
        private final LongAdder refusedLate = new LongAdder();

        void record(Object result) {
            byKind.computeIfAbsent(
                            result instanceof Throwable failure ? failure.getClass() : Object.class,
                            kind -> new LongAdder())
                    .increment();
        }

        void await(MadeCall call) throws Exception {
            Throwable failure = failureOf(call.result());
            record(failure != null ? failure : "ok");
            if (failure instanceof BulkheadFull && !call.doneAtReturn()) {
                refusedLate.increment();
            }
        }

        long refusedLate() {
            return refusedLate.sum();
        }

        long count(Class<?> kind) {
            LongAdder count = byKind.get(kind);
            return count == null ? 0 : count.sum();
        }

        long total() {
            return byKind.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    /** @return the failure the call completed with, or {@code null} if it succeeded */
    private static Throwable failureOf(CompletableFuture<Object> call) throws Exception {
        try {
            call.get(Gate.PATIENCE_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (CancellationException e) {
            return e;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> stage(Object result) {
        return ((CompletionStage<Object>) result).toCompletableFuture();
    }

    private static void spin(int iterations) {
        for (int i = 0; i < iterations; i++) {
            Thread.onSpinWait();
        }
    }

    /** Holds a place until released, whatever interrupts a timeout or cancellation sends meanwhile. */
    private static void awaitIgnoringInterrupts(CountDownLatch release) {
        boolean interrupted = false;
        while (true) {
            try {
                release.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a condition that no event signals (a place is given back after the caller's future completed),
     * checking it repeatedly for at most the gate's patience.
     */
    private static void awaitCondition(BooleanSupplier condition, String description) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Gate.PATIENCE_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(description).isLessThan(deadline);
            LockSupport.parkNanos(100_000);
        }
    }
}
