package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admission to an asynchronous bulkhead through the interceptor on Weld: with one place and one queue slot, a
 * caller that makes three calls in a row while the first holds the place sees the second run after the first and
 * the third refused, its future already failed when the call returns; every round, for both kinds of asynchronous
 * method.
 */
@org.junit.jupiter.api.Timeout(120)
class AsynchronousBulkheadAdmissionTest {

    private static final int ROUNDS = 1_000;
    private static final long PATIENCE_SECONDS = 10;

    private WeldContainer container;
    private Admissions admissions;

    @BeforeEach
    void start() {
        container = Deployments.start(Admissions.class);
        admissions = container.select(Admissions.class).get();
    }

    @AfterEach
    void stop() {
        container.close();
    }

    @Test
    void aCompletionStageMethodRefusesExactlyTheThirdCallAsItIsMade() throws Exception {
        playRounds(
                (index, release, ran) ->
                        admissions.completionStage(index, release, ran).toCompletableFuture());
    }

    @Test
    void aFutureMethodRefusesExactlyTheThirdCallAsItIsMade() throws Exception {
        playRounds(admissions::future);
    }

    private static void playRounds(Method method) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            CountDownLatch release = new CountDownLatch(1);
            Queue<Integer> ran = new ConcurrentLinkedQueue<>();
            Future<Integer> first = method.call(0, release, ran);
            Future<Integer> second = method.call(1, release, ran);
            Future<Integer> third = method.call(2, release, ran);

            assertThat(third.isDone())
                    .as("round %d: the refused call's future is done when the call returns", round)
                    .isTrue();
            assertThat(failureOf(third))
                    .as("round %d", round)
                    .isInstanceOf(BulkheadException.class);
            assertThat(second.isDone()).as("round %d: the queued call waits", round).isFalse();
            release.countDown();
            assertThat(first.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("round %d", round)
                    .isZero();
            assertThat(second.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("round %d", round)
                    .isEqualTo(1);
            assertThat(new ArrayList<>(ran))
                    .as("round %d: the order the calls ran in", round)
                    .isEqualTo(List.of(0, 1));
        }
    }

    private static Throwable failureOf(Future<Integer> future) throws Exception {
        try {
            return fail(
                    "expected a failure, got " + future.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    /** One of the bean's methods, with its result viewed as a {@code Future}. */
    @FunctionalInterface
    private interface Method {
        Future<Integer> call(int index, CountDownLatch release, Queue<Integer> ran)
                throws InterruptedException;
    }

    @ApplicationScoped
    public static class Admissions {

        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        public CompletionStage<Integer> completionStage(
                int index, CountDownLatch release, Queue<Integer> ran) throws InterruptedException {
            return CompletableFuture.completedFuture(run(index, release, ran));
        }

        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        public Future<Integer> future(int index, CountDownLatch release, Queue<Integer> ran)
                throws InterruptedException {
            return CompletableFuture.completedFuture(run(index, release, ran));
        }

        /** The first call holds the place until the round's calls are made. */
        private static int run(int index, CountDownLatch release, Queue<Integer> ran)
                throws InterruptedException {
            ran.add(index);
            if (index == 0) {
                release.await();
            }
            return index;
        }
    }
}
