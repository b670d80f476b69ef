package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test helper that holds calls until the test opens it, and tells the test when they have arrived. Waits are
 * bounded so that a broken engine fails the test instead of hanging it.
 */
final class Gate {

    static final long PATIENCE_SECONDS = 10;

    private final CountDownLatch entered;
    private final CountDownLatch open = new CountDownLatch(1);

    Gate(int calls) {
        this.entered = new CountDownLatch(calls);
    }

    /** @return a call that arrives at the gate, waits (interruptibly) until it opens and returns {@code result} */
    Callable<Object> pass(Object result) {
        return () -> {
            entered.countDown();
            open.await();
            return result;
        };
    }

    void awaitArrivals() throws InterruptedException {
        await(entered);
    }

    void open() {
        open.countDown();
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("latch reached zero in time")
                .isTrue();
    }
}
