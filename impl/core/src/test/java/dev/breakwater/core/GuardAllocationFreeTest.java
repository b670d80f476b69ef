package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A typed guard's synchronous success path allocates nothing, every policy without a timer on: measured, as in
 * {@link AllocationFreeTest}, with the JVM's count of bytes this thread allocated over many calls after a warm-up.
 */
class GuardAllocationFreeTest {

    private static final int REPETITIONS = 200_000;
    private static final long SLACK_BYTES = 64 * 1024;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Supplier<String> operation = () -> "ok";
    private final Callable<String> checkedOperation = () -> "ok";
    private long sink;

    private interface Call {
        int run() throws Exception;
    }

    private long bytesAllocatedBy(Call call) throws Exception {
        for (int i = 0; i < REPETITIONS; i++) {
            sink += call.run();
        }
        long threadId = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < REPETITIONS; i++) {
            sink += call.run();
        }
        return THREADS.getThreadAllocatedBytes(threadId) - before;
    }

    private static Guard<String> guardWithEveryPolicy() {
        return Guard.<String>builder("op")
                .retry(
                        retry ->
                                retry.maxRetries(3)
                                        .delay(Duration.ofMillis(10))
                                        .retryOnResult(result -> result == null))
                .circuitBreaker(CircuitBreaker.builder("gateway").build())
                .bulkhead(Bulkhead.builder().build())
                .rateLimiter(
                        RateLimiter.builder()
                                .limit(Integer.MAX_VALUE)
                                .window(Duration.ofHours(1))
                                .build())
                .fallback(failure -> "fallback")
                .build();
    }

    @Test
    void theMeasureSeesAnAllocationPerCall() throws Exception {
        Guard<String> guard = guardWithEveryPolicy();

        assertThat(bytesAllocatedBy(() -> guard.call(() -> String.valueOf(sink)).length()))
                .isGreaterThan(SLACK_BYTES);
    }

    @Test
    void aSuccessfulCallAllocatesNothing() throws Exception {
        Guard<String> guard = guardWithEveryPolicy();

        assertThat(bytesAllocatedBy(() -> guard.call(operation).length())).isLessThan(SLACK_BYTES);
    }

    @Test
    void aSuccessfulCheckedCallAllocatesNothing() throws Exception {
        Guard<String> guard = guardWithEveryPolicy();

        assertThat(bytesAllocatedBy(() -> guard.callChecked(checkedOperation).length()))
                .isLessThan(SLACK_BYTES);
    }
}
