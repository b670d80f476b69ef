package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.faulttolerance.api.Guard;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code withBulkhead().enableSynchronousQueueing()}: synchronous callers that find every place taken wait for one
 * on their own threads, in arrival order, as many as the queue holds; the rest are refused at once.
 */
class GuardSynchronousQueueingTest {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopCallers() {
        release.countDown();
        callers.shutdownNow();
    }

    private Guard queueingBulkhead(int queueSize, AtomicInteger accepted, AtomicInteger rejected) {
        return Guard.create()
                .withBulkhead()
                .limit(1)
                .queueSize(queueSize)
                .enableSynchronousQueueing()
                .onAccepted(accepted::incrementAndGet)
                .onRejected(rejected::incrementAndGet)
                .done()
                .build();
    }

    /** A guarded call on a thread of its own. */
    private record Call(Thread thread, CompletableFuture<String> result) {
        String get() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a caller and returns once it holds the place or waits for one (its thread is parked). */
    private Call caller(Guard guard, String name, boolean holdsThePlace) {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<String> result = new CompletableFuture<>();
        callers.execute(
                () -> {
                    thread.complete(Thread.currentThread());
                    try {
                        result.complete(
                                guard.call(
                                        () -> {
                                            ran.add(name);
                                            if (holdsThePlace) {
                                                release.await();
                                            }
                                            return name + " ran";
                                        },
                                        String.class));
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                });
        Thread running = thread.join();
        while (running.getState() != Thread.State.WAITING && !result.isDone()) {
            Thread.onSpinWait();
        }
        return new Call(running, result);
    }

    @Test
    void aCallerWaitsForAPlaceAndRunsWhenItFrees() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        Guard guard = queueingBulkhead(1, accepted, rejected);

        Call first = caller(guard, "first", true);
        Call queued = caller(guard, "queued", false);

        assertThat(ran).containsExactly("first");
        assertThat(accepted).hasValue(2);
        release.countDown();
        assertThat(first.get()).isEqualTo("first ran");
        assertThat(queued.get()).isEqualTo("queued ran");
        assertThat(rejected).hasValue(0);
    }

    @Test
    void aCallerFindingTheQueueFullIsRefusedAtOnce() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        Guard guard = queueingBulkhead(1, accepted, rejected);
        caller(guard, "first", true);
        caller(guard, "queued", false);

        assertThatThrownBy(() -> guard.call(() -> "never", String.class))
                .isExactlyInstanceOf(BulkheadException.class);
        assertThat(rejected).hasValue(1);
        assertThat(ran).containsExactly("first");
    }

    @Test
    void waitingCallersRunInTheOrderTheyCame() throws Exception {
        Guard guard = queueingBulkhead(3, new AtomicInteger(), new AtomicInteger());
        Call first = caller(guard, "first", true);
        Call second = caller(guard, "second", false);
        Call third = caller(guard, "third", false);
        Call fourth = caller(guard, "fourth", false);

        release.countDown();

        for (Call call : List.of(first, second, third, fourth)) {
            call.get();
        }
        assertThat(ran).containsExactly("first", "second", "third", "fourth");
    }

    @Test
    void anInterruptedWaiterLeavesTheQueueAndFreesItsSlot() throws Exception {
        AtomicInteger rejected = new AtomicInteger();
        Guard guard = queueingBulkhead(1, new AtomicInteger(), rejected);
        Call first = caller(guard, "first", true);
        Call interrupted = caller(guard, "interrupted", false);

        interrupted.thread().interrupt();
        assertThatThrownBy(interrupted::get)
                .cause()
                .isExactlyInstanceOf(InterruptedException.class);
        Call next = caller(guard, "next", false);
        release.countDown();

        assertThat(first.get()).isEqualTo("first ran");
        assertThat(next.get()).isEqualTo("next ran");
        assertThat(ran).containsExactly("first", "next");
        assertThat(rejected).hasValue(0);
    }

    @Test
    void withoutQueueingASynchronousCallerIsRefusedWhenThePlacesAreTaken() throws Exception {
        Guard guard = Guard.create().withBulkhead().limit(1).queueSize(5).done().build();
        caller(guard, "first", true);

        Call refused = caller(guard, "never", false);

        assertThatThrownBy(refused::get).cause().isExactlyInstanceOf(BulkheadException.class);
        assertThat(ran).containsExactly("first");
    }
}
