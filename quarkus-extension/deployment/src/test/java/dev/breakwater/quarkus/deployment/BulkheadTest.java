package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A synchronous {@code @Bulkhead} rejects a call while its places are taken, and frees them afterwards. An
 * asynchronous one decides on the caller's thread, in call order: with one place and one queue slot, of three
 * calls made in a row the second waits and the third is refused before it returns.
 */
class BulkheadTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Narrow.class, Queueing.class));

    @Inject Narrow narrow;

    @Inject Queueing queueing;

    @Test
    void rejectsASecondConcurrentCall() throws Exception {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(narrow::hold);
        assertThat(narrow.entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(narrow::hold).isInstanceOf(BulkheadException.class);

        narrow.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(narrow.hold()).isEqualTo("held");
    }

    @Test
    void anAsynchronousBulkheadRefusesExactlyTheCallThatDidNotFitBeforeItReturns()
            throws Exception {
        for (int round = 0; round < 200; round++) {
            CompletableFuture<Integer> held = new CompletableFuture<>();
            Queue<Integer> ran = new ConcurrentLinkedQueue<>();
            CompletableFuture<Integer> first = queueing.call(0, held, ran).toCompletableFuture();
            CompletableFuture<Integer> second = queueing.call(1, held, ran).toCompletableFuture();
            CompletableFuture<Integer> third = queueing.call(2, held, ran).toCompletableFuture();

            assertThat(third)
                    .as("round %d: refused when the call returns", round)
                    .isCompletedExceptionally();
            assertThatThrownBy(third::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(BulkheadException.class);
            held.complete(0);
            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(List.copyOf(ran)).as("round %d", round).containsExactly(0, 1);
        }
    }

    @Singleton
    static class Queueing {

        /** The first call holds the place until {@code held} completes. */
        @Asynchronous
        @Bulkhead(value = 1, waitingTaskQueue = 1)
        CompletionStage<Integer> call(
                int index, CompletableFuture<Integer> held, Queue<Integer> ran) {
            ran.add(index);
            return index == 0 ? held : CompletableFuture.completedFuture(index);
        }
    }

    @Singleton // no client proxy: the test reads the bean's latches directly
    static class Narrow {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Bulkhead(1)
        String hold() {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }
    }
}
