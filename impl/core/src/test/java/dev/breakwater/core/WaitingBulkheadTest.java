package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bulkhead whose synchronous callers may wait: its counts, and where the pipeline builder allows it. */
class WaitingBulkheadTest {

    private final ThreadPools threads = ThreadPools.create("waiting-bulkhead-test");

    @AfterEach
    void close() {
        threads.close();
    }

    @Test
    void itAdmitsAsManyCallersAsItsPlacesAndQueueHoldAndCountsThem() throws Exception {
        WaitingBulkhead bulkhead = new WaitingBulkhead(new BulkheadPolicy(1, 2));

        assertThat(bulkhead.admit()).isTrue();
        bulkhead.enter();
        assertThat(bulkhead.admit()).isTrue();
        assertThat(bulkhead.admit()).isTrue();
        assertThat(bulkhead.admit()).isFalse();
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isEqualTo(2);

        bulkhead.leave();
        bulkhead.enter();
        assertThat(bulkhead.running()).isEqualTo(1);
        assertThat(bulkhead.waiting()).isEqualTo(1);
    }

    @Test
    void aQueueingPipelineShowsItsBulkheadsGauges() throws Exception {
        Pipeline<Callable<Object>> pipeline =
                Pipeline.<Callable<Object>>builder("op", Callable::call)
                        .bulkhead(new BulkheadPolicy(2, 3))
                        .synchronousQueueing(true)
                        .build(threads);

        assertThat(pipeline.bulkhead()).isInstanceOf(WaitingBulkhead.class);
        assertThat(pipeline.call(() -> "ran")).isEqualTo("ran");
        assertThat(pipeline.bulkhead().running()).isZero();
    }

    @Test
    void queueingWithoutABulkheadIsRefusedWhenBuilding() {
        PipelineBuilder<Callable<Object>> builder =
                Pipeline.<Callable<Object>>builder("op", Callable::call).synchronousQueueing(true);

        assertThatThrownBy(() -> builder.build(threads))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "synchronousQueueing was set for op, a pipeline without a bulkhead");
    }

    @Test
    void queueingOnAnAsynchronousPipelineIsRefusedWhenBuilding() {
        PipelineBuilder<Callable<Object>> builder =
                Pipeline.<Callable<Object>>builder("op", Callable::call)
                        .bulkhead(new BulkheadPolicy(1, 1))
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .synchronousQueueing(true);

        assertThatThrownBy(() -> builder.build(threads))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "synchronousQueueing was set for op, a pipeline of asynchronous calls");
    }
}
