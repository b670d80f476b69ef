package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.lang.management.ManagementFactory;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A guard's synchronous success path allocates nothing of its own: measured with the JVM's count of bytes this
 * thread allocated over many calls after a warm-up, as {@code dev.breakwater.core.AllocationFreeTest} measures the
 * engine (an allocation per call would add up to megabytes, far above the slack).
 */
class GuardAllocationTest {

    private static final int REPETITIONS = 200_000;
    private static final long SLACK_BYTES = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Supplier<String> action = () -> "ok";
    private int sink;

    private long bytesAllocatedBy(Runnable call) {
        for (int i = 0; i < REPETITIONS; i++) {
            call.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < REPETITIONS; i++) {
            call.run();
        }
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }

    @Test
    void theMeasureSeesAnAllocationPerCall() {
        assertThat(bytesAllocatedBy(() -> sink += String.valueOf(sink).length()))
                .isGreaterThan(SLACK_BYTES);
    }

    @Test
    void aGuardsSynchronousSuccessAllocatesNothing() {
        Guard guard =
                Guard.create()
                        .withRetry()
                        .done()
                        .withCircuitBreaker()
                        .done()
                        .withBulkhead()
                        .done()
                        .withRateLimit()
                        .limit(Integer.MAX_VALUE)
                        .window(1, ChronoUnit.HOURS)
                        .done()
                        .build();

        assertThat(bytesAllocatedBy(() -> sink += guard.get(action, String.class).length()))
                .isLessThan(SLACK_BYTES);
    }

    @Test
    void aTypedGuardsSynchronousSuccessWithFallbackAllocatesNothing() {
        TypedGuard<String> guard =
                TypedGuard.create(String.class)
                        .withRetry()
                        .done()
                        .withCircuitBreaker()
                        .done()
                        .withFallback()
                        .handler(() -> "fallback")
                        .done()
                        .build();

        assertThat(bytesAllocatedBy(() -> sink += guard.get(action).length()))
                .isLessThan(SLACK_BYTES);
    }
}
