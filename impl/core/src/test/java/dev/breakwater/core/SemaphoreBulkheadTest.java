package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SemaphoreBulkheadTest {

    @Test
    void admitsUpToItsValueAndRefusesTheNextCall() {
        SemaphoreBulkhead bulkhead = new SemaphoreBulkhead(new BulkheadPolicy(2, 1));

        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.running()).isEqualTo(2);

        assertThat(bulkhead.tryAcquire()).isFalse();
        assertThat(bulkhead.running()).isEqualTo(2);
    }

    @Test
    void aReleasedPlaceCanBeTakenAgain() {
        SemaphoreBulkhead bulkhead = new SemaphoreBulkhead(new BulkheadPolicy(1, 1));
        assertThat(bulkhead.tryAcquire()).isTrue();

        bulkhead.release();

        assertThat(bulkhead.running()).isZero();
        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.tryAcquire()).isFalse();
    }

    @Test
    void theWaitingTaskQueueDoesNotLetSynchronousCallsWait() {
        SemaphoreBulkhead bulkhead = new SemaphoreBulkhead(new BulkheadPolicy(1, 100));

        assertThat(bulkhead.tryAcquire()).isTrue();
        assertThat(bulkhead.tryAcquire()).isFalse();
    }

    @Test
    void concurrentCallersNeverTakeMorePlacesThanTheValue() throws Exception {
        int threads = 8;
        int value = 3;
        SemaphoreBulkhead bulkhead = new SemaphoreBulkhead(new BulkheadPolicy(value, 1));
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                List<Future<Boolean>> admitted = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    admitted.add(
                            pool.submit(
                                    () -> {
                                        start.await();
                                        return bulkhead.tryAcquire();
                                    }));
                }
                int taken = 0;
                for (Future<Boolean> future : admitted) {
                    taken += future.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(taken).as("round %d", round).isEqualTo(value);
                assertThat(bulkhead.running()).isEqualTo(value);
                for (int i = 0; i < taken; i++) {
                    bulkhead.release();
                }
                assertThat(bulkhead.running()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
