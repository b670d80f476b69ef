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
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The asynchronous bulkhead, driven by hand: tasks handed a freed place go to an executor that only collects
 * them, so every hand-over is visible and runs when the test says.
 */
class QueueingBulkheadTest {

    private final Queue<Runnable> handedOver = new ArrayDeque<>();
    private final Executor collecting = handedOver::add;
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    private AsyncTask<String> task(String name) {
        return new AsyncTask<>(name, n -> {
            ran.add(n);
            return n;
        }, AsyncMode.FUTURE);
    }

    /** A task as the pipeline starts it: registered with its call's execution, then submitted. */
    private record Submitted(AsyncTask<?> task, AsyncExecution execution, boolean accepted) {
    }

    private static Submitted submit(QueueingBulkhead bulkhead, AsyncTask<?> task) {
        AsyncExecution execution = new AsyncExecution();
        execution.attempt(task);
        return new Submitted(task, execution, bulkhead.submit(task, execution));
    }

    private void runHandedOver() {
        Runnable next;
        while ((next = handedOver.poll()) != null) {
            next.run();
        }
    }

    @Test
    void admitsValueTasksToRunQueuesWaitingTaskQueueMoreAndRefusesTheRest() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(2, 2), collecting);

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
    void anAdmittedTaskRunsOnTheCallersThreadWhenItsExecutionRunsTheDeferredAttempt() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        Submitted first = submit(bulkhead, task("1"));
        assertThat(ran).isEmpty();

        first.execution().runDeferred();

        assertThat(ran).containsExactly("1");
        assertThat(first.task().result()).isCompletedWithValue("1");
        assertThat(handedOver).isEmpty();
        assertThat(bulkhead.running()).isZero();
    }

    @Test
    void aFinishedTaskHandsItsPlaceToTheOldestWaitingTask() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 3), collecting);
        Submitted first = submit(bulkhead, task("1"));
        AsyncTask<String> second = task("2");
        AsyncTask<String> third = task("3");
        AsyncTask<String> fourth = task("4");
        submit(bulkhead, second);
        submit(bulkhead, third);
        submit(bulkhead, fourth);

        first.execution().runDeferred();

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
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        AsyncTask<String> failing = new AsyncTask<>("x", n -> {
            throw new IOException("boom");
        }, AsyncMode.FUTURE);
        Submitted submitted = submit(bulkhead, failing);

        submitted.execution().runDeferred();

        assertThat(failing.result()).isCompletedExceptionally();
        assertThat(bulkhead.running()).isZero();
        assertThat(submit(bulkhead, task("next")).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(1);
    }

    @Test
    void theFreedPlaceIsAlreadyFreeWhenTheTasksResultCompletes() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        Submitted submitted = submit(bulkhead, task("1"));
        List<Integer> runningWhenDone = new ArrayList<>();
        submitted.task().result().whenComplete((v, f) -> runningWhenDone.add(bulkhead.running()));

        submitted.execution().runDeferred();

        assertThat(runningWhenDone).containsExactly(0);
    }

    @Test
    void aCompletionStageTaskHoldsItsPlaceUntilTheStageCompletes() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        CompletableFuture<String> stage = new CompletableFuture<>();
        AsyncTask<String> task = new AsyncTask<>("s", n -> stage, AsyncMode.COMPLETION_STAGE);
        Submitted submitted = submit(bulkhead, task);
        AsyncTask<String> waiting = task("w");
        submit(bulkhead, waiting);

        submitted.execution().runDeferred();

        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(handedOver).isEmpty();
        assertThat(task.result()).isNotDone();

        stage.complete("done");

        assertThat(task.result()).isCompletedWithValue("done");
        assertThat(handedOver).containsExactly(waiting);
    }

    @Test
    void aCancelledQueuedTaskNeverRunsAndFreesItsQueueSlot() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        Submitted first = submit(bulkhead, task("1"));
        Submitted queued = submit(bulkhead, task("2"));
        assertThat(submit(bulkhead, task("refused")).accepted()).isFalse();

        queued.execution().cancel(true);

        assertThat(bulkhead.waiting()).isZero();
        assertThatThrownBy(() -> queued.task().result().join()).isInstanceOf(CancellationException.class);
        assertThat(submit(bulkhead, task("3")).accepted()).isTrue();

        first.execution().runDeferred();
        runHandedOver();

        assertThat(ran).containsExactly("1", "3");
        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void aQueuedTaskStoppedByATimeoutFailsWithTheTimeoutAndNeverRuns() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        Submitted first = submit(bulkhead, task("1"));
        Submitted queued = submit(bulkhead, task("2"));
        RuntimeException timeout = new RuntimeException("timed out");

        queued.task().cancel(timeout, true);
        first.execution().runDeferred();
        runHandedOver();

        assertThat(ran).containsExactly("1");
        assertThatThrownBy(() -> queued.task().result().join()).hasCause(timeout);
        assertThat(bulkhead.waiting()).isZero();
        assertThat(bulkhead.running()).isZero();
    }

    @Test
    void waitingTasksRunOnTheExecutorThreadsOnceAPlaceFrees() throws Exception {
        try (ThreadPools threads = ThreadPools.create("bulkhead-test")) {
            QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), threads.executor());
            Submitted first = submit(bulkhead, task("1"));
            AsyncTask<String> queued = new AsyncTask<>("2", n -> Thread.currentThread().getName(), AsyncMode.FUTURE);
            submit(bulkhead, queued);

            first.execution().runDeferred();

            assertThat((String) queued.result().get(10, TimeUnit.SECONDS)).startsWith("breakwater-bulkhead-test-async-");
            assertThat(bulkhead.running()).isZero();
        }
    }

    /*
     * The two tests below fail: a task cancelled (by its caller or its timeout) after it was given a running
     * place but before it started returns from run() at once without settling, so the place it holds is never
     * given back; the bulkhead loses capacity for good. Enable them once AsyncTask settles such a task.
     */

    @Test
    void aTaskCancelledAfterItWasHandedAPlaceButBeforeItStartedGivesThePlaceBack() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        Submitted first = submit(bulkhead, task("1"));
        Submitted queued = submit(bulkhead, task("2"));
        first.execution().runDeferred();
        assertThat(handedOver).containsExactly(queued.task());

        queued.execution().cancel(true);   // e.g. its timeout fires while the executor starts it
        runHandedOver();

        assertThat(ran).containsExactly("1");
        assertThat(bulkhead.running()).isZero();
        assertThat(submit(bulkhead, task("3")).accepted()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isZero();
    }

    @Test
    void anAdmittedTaskCancelledBeforeItsDeferredRunGivesThePlaceBack() {
        QueueingBulkhead bulkhead = new QueueingBulkhead(new BulkheadPolicy(1, 1), collecting);
        Submitted admitted = submit(bulkhead, task("1"));

        admitted.execution().cancel(false);
        admitted.execution().runDeferred();

        assertThat(ran).isEmpty();
        assertThat(admitted.task().result()).isCompletedExceptionally();
        assertThat(bulkhead.running()).isZero();
    }
}
