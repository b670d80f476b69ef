package dev.breakwater.examples.plainjava;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the example's own threads {@code breakwater-example-<role>-N}, so a thread dump tells whose they are. */
final class ExampleThreads {

    private ExampleThreads() {}

    /**
     * @param role what the threads do, as in {@code checkout} or {@code gateway}
     * @return daemon threads, so that a server left running never keeps the JVM alive
     */
    static ThreadFactory named(String role) {
        AtomicInteger number = new AtomicInteger();
        return task -> {
            Thread thread =
                    new Thread(task, "breakwater-example-" + role + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
