package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that call a pipeline in a stress test: a fixed set of platform threads, or (on Java 21 and later)
 * one virtual thread per caller. The build compiles for Java 17, so the virtual-thread executor is looked up
 * reflectively.
 */
final class Callers implements AutoCloseable {

    /** How long a whole stress run may take before it counts as hung. */
    static final long PATIENCE_SECONDS = 120;

    private final ExecutorService executor;
    private final int count;

    private Callers(ExecutorService executor, int count) {
        this.executor = executor;
        this.count = count;
    }

    /** @return {@code count} platform threads, named {@code stress-caller-N} */
    static Callers platformThreads(int count) {
        AtomicInteger number = new AtomicInteger();
        return new Callers(
                Executors.newFixedThreadPool(
                        count,
                        task -> new Thread(task, "stress-caller-" + number.incrementAndGet())),
                count);
    }

    /** @return {@code count} callers, each on its own virtual thread; needs Java 21 or later */
    static Callers virtualThreads(int count) {
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return new Callers((ExecutorService) factory.invoke(null), count);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "virtual threads need Java 21 or later; this is " + Runtime.version(), e);
        }
    }

    /** @return how many callers run at once */
    int count() {
        return count;
    }

    /**
     * Runs {@code body} once per caller, all at once, and waits for all of them; a caller's failure fails the
     * test.
     */
    void run(Body body) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int caller = 0; caller < count; caller++) {
            int index = caller;
            running.add(
                    executor.submit(
                            () -> {
                                body.run(index);
                                return null;
                            }));
        }
        for (Future<?> future : running) {
            try {
                future.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a caller failed", e.getCause());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            assertThat(executor.awaitTermination(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("callers ended")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the callers ended", e);
        }
    }

    /** What one caller does. */
    @FunctionalInterface
    interface Body {
        void run(int caller) throws Exception;
    }
}
