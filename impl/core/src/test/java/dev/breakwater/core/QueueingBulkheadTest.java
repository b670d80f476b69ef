package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous bulkhead, driven by hand: tasks it starts go to an offload whose executor only collects them,
 * so every start is visible and runs when the test says.
 */
class QueueingBulkheadTest {

    private final Queue<Runnable> handedOver = new ArrayDeque<>();
    private final Offload collecting = Offload.toWorkers(handedOver::add);
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private AsyncTask<String> task(String name) {
        return new AsyncTask<>(
                name,
                n -> {
                    ran.add(n);
                    return n;
                },
                AsyncMode.FUTURE);
    }

    /** A task as the pipeline starts it: submitted, then registered with its call's execution. */
    private record Submitted(AsyncTask<?> task, AsyncExecution execution, boolean accepted) {}

    private static Submitted submit(QueueingBulkhead bulkhead, AsyncTask<?> task) {
        AsyncExecution execution = new AsyncExecution();
        boolean accepted = bulkhead.submit(task);
        execution.attempt(task);
        return new Submitted(task, execution, accepted);
    }

    private static QueueingBulkhead bulkhead(int value, int queue, Offload offload) {
        return new QueueingBulkhead(new BulkheadPolicy(value, queue), offload, null, Ticker.SYSTEM);
    }

    private QueueingBulkhead bulkhead(int value, int queue) {
        return bulkhead(value, queue, collecting);
    }

    /** Runs the oldest task handed over. */
    private void runNextHandedOver() {
        handedOver.remove().run();
    }

    private void runHandedOver() {
        Runnable next;
        while ((next = handedOver.poll()) != null) {
            next.run();
        }
    }

    @Test
    void admitsValueTasksToRunQueuesWaitingTaskQueueMoreAndRefusesTheRest() {
        QueueingBulkhead bulkhead = bulkhead(2, 2);

        assertThat(submit(bulkhead, task("1")).accepted()).isTrue();
        assertThat(submit(bulkhead, task("2")).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(2);
        assertThat(bulkhead.waiting()).isZero();
        assertThat(submit(bulkhead, task("3")).accepted()).isTrue();
        assertThat(submit(bulkhead, task("4")).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(2);
        assertThat(bulkhead.waiting()).isEqualTo(2);

        assertThat(submit(bulkhead, task("5")).accepted()).isFalse();
        assertThat(bulkhead.running()).isEqualTo(2);
        assertThat(bulkhead.waiting()).isEqualTo(2);
        assertThat(ran).isEmpty();
    }

    @Test
    void anAdmittedTaskIsHandedToTheOffloadAsItIsSubmitted() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);

        Submitted first = submit(bulkhead, task("1"));

        assertThat(handedOver).containsExactly(first.task());
        assertThat(ran).isEmpty();
        runHandedOver();
        assertThat(ran).containsExactly("1");
        assertThat(first.task().result()).isCompletedWithValue("1");
        assertThat(bulkhead.running()).isZero();
    }

    @Test
    void aFinishedTaskHandsItsPlaceToTheOldestWaitingTask() {
        QueueingBulkhead bulkhead = bulkhead(1, 3);
        submit(bulkhead, task("1"));
        AsyncTask<String> second = task("2");
        AsyncTask<String> third = task("3");
        AsyncTask<String> fourth = task("4");
        submit(bulkhead, second);
        submit(bulkhead, third);
        submit(bulkhead, fourth);

        runNextHandedOver();

        assertThat(handedOver).containsExactly(second);
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isEqualTo(2);

        runHandedOver();

        assertThat(ran).containsExactly("1", "2", "3", "4");
        assertThat(fourth.result()).isCompletedWithValue("4");
        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void aFailingTaskGivesItsPlaceBack() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        AsyncTask<String> failing =
                new AsyncTask<>(
                        "x",
                        n -> {
                            throw new IOException("boom");
                        },
                        AsyncMode.FUTURE);
        submit(bulkhead, failing);

        runHandedOver();

        assertThat(failing.result()).isCompletedExceptionally();
        assertThat(bulkhead.running()).isZero();
        assertThat(submit(bulkhead, task("next")).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(1);
    }

    @Test
    void theFreedPlaceIsAlreadyFreeWhenTheTasksResultCompletes() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        Submitted submitted = submit(bulkhead, task("1"));
        List<Integer> runningWhenDone = new ArrayList<>();
        submitted.task().result().whenComplete((v, f) -> runningWhenDone.add(bulkhead.running()));

        runHandedOver();

        assertThat(runningWhenDone).containsExactly(0);
    }

    @Test
    void aCompletionStageTaskHoldsItsPlaceUntilTheStageCompletes() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        CompletableFuture<String> stage = new CompletableFuture<>();
        AsyncTask<String> task = new AsyncTask<>("s", n -> stage, AsyncMode.COMPLETION_STAGE);
        submit(bulkhead, task);
        AsyncTask<String> waiting = task("w");
        submit(bulkhead, waiting);

        runHandedOver();

        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(handedOver).isEmpty();
        assertThat(task.result()).isNotDone();

        stage.complete("done");

        assertThat(task.result()).isCompletedWithValue("done");
        assertThat(handedOver).containsExactly(waiting);
    }

    @Test
    void aCancelledQueuedTaskNeverRunsAndFreesItsQueueSlot() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        submit(bulkhead, task("1"));
        Submitted queued = submit(bulkhead, task("2"));
        assertThat(submit(bulkhead, task("refused")).accepted()).isFalse();

        queued.execution().cancel(true);

        assertThat(bulkhead.waiting()).isZero();
        assertThatThrownBy(() -> queued.task().result().join())
                .isInstanceOf(CancellationException.class);
        assertThat(submit(bulkhead, task("3")).accepted()).isTrue();

        runHandedOver();

        assertThat(ran).containsExactly("1", "3");
        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void aQueuedTaskStoppedByATimeoutFailsWithTheTimeoutAndNeverRuns() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        submit(bulkhead, task("1"));
        Submitted queued = submit(bulkhead, task("2"));
        RuntimeException timeout = new RuntimeException("timed out");

        queued.task().cancel(timeout, true);
        runHandedOver();

        assertThat(ran).containsExactly("1");
        assertThatThrownBy(() -> queued.task().result().join()).hasCause(timeout);
        assertThat(bulkhead.waiting()).isZero();
        assertThat(bulkhead.running()).isZero();
    }

    @Test
    void tasksRunOnTheExecutorThreadsAtOnceOrOnceAPlaceFrees() throws Exception {
        try (ThreadPools threads = ThreadPools.create("bulkhead-test")) {
            QueueingBulkhead bulkhead = bulkhead(1, 1, Offload.toWorkers(threads.executor()));
            CountDownLatch release = new CountDownLatch(1);
            AsyncTask<String> first =
                    new AsyncTask<>(
                            "1",
                            n -> {
                                release.await();
                                return Thread.currentThread().getName();
                            },
                            AsyncMode.FUTURE);
            AsyncTask<String> queued =
                    new AsyncTask<>("2", n -> Thread.currentThread().getName(), AsyncMode.FUTURE);
            submit(bulkhead, first);
            submit(bulkhead, queued);

            release.countDown();

            assertThat((String) first.result().get(10, TimeUnit.SECONDS))
                    .startsWith("breakwater-bulkhead-test-async-");
            assertThat((String) queued.result().get(10, TimeUnit.SECONDS))
                    .startsWith("breakwater-bulkhead-test-async-");
            assertThat(bulkhead.running()).isZero();
        }
    }

    @Test
    void
            withoutOffloadAnAdmittedTaskRunsAtOnceOnTheSubmittingThreadAndAWaitingOneOnTheThreadThatFreesItsPlace()
                    throws Exception {
        QueueingBulkhead bulkhead = bulkhead(1, 1, Offload.NONE);
        CompletableFuture<Object> firstStage = new CompletableFuture<>();
        AsyncTask<String> first = new AsyncTask<>("1", n -> firstStage, AsyncMode.COMPLETION_STAGE);
        AsyncTask<String> queued =
                new AsyncTask<>(
                        "2",
                        n -> CompletableFuture.completedFuture(Thread.currentThread().getName()),
                        AsyncMode.COMPLETION_STAGE);

        assertThat(submit(bulkhead, first).accepted()).isTrue();
        assertThat(submit(bulkhead, queued).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isEqualTo(1);
        Thread completer = new Thread(() -> firstStage.complete("first"), "completer");
        completer.start();
        completer.join();

        assertThat(first.result()).isCompletedWithValue("first");
        assertThat(queued.result()).isCompletedWithValue("completer");
        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void aTaskNoThreadTakesFailsWithTheExecutorsRefusalAndGivesItsPlaceToTheNext() {
        RejectedExecutionException refusal = new RejectedExecutionException("shut down");
        QueueingBulkhead bulkhead =
                bulkhead(
                        1,
                        1,
                        Offload.toWorkers(
                                task -> {
                                    throw refusal;
                                }));

        Submitted first = submit(bulkhead, task("1"));

        assertThat(first.accepted()).isTrue();
        assertThatThrownBy(() -> first.task().result().join()).hasCause(refusal);
        assertThat(ran).isEmpty();
        assertThat(bulkhead.running()).isZero();
        assertThat(submit(bulkhead, task("2")).accepted()).isTrue();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void aTaskCancelledAfterItWasHandedAPlaceButBeforeItStartedGivesThePlaceBack() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        submit(bulkhead, task("1"));
        Submitted queued = submit(bulkhead, task("2"));
        runNextHandedOver();
        assertThat(handedOver).containsExactly(queued.task());

        queued.execution().cancel(true); // e.g. its timeout fires while the executor starts it
        runHandedOver();

        assertThat(ran).containsExactly("1");
        assertThat(bulkhead.running()).isZero();
        assertThat(submit(bulkhead, task("3")).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void anAdmittedTaskCancelledBeforeItStartsGivesThePlaceBack() {
        QueueingBulkhead bulkhead = bulkhead(1, 1);
        Submitted admitted = submit(bulkhead, task("1"));

        admitted.execution().cancel(false);
        runHandedOver();

        assertThat(ran).isEmpty();
        assertThat(admitted.task().result()).isCompletedExceptionally();
        assertThat(bulkhead.running()).isZero();
    }
}
