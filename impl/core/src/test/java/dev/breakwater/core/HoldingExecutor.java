package dev.breakwater.core;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/** An executor that runs nothing until the test calls {@link #runAll()}, on the test's own thread. */
final class HoldingExecutor extends AbstractExecutorService {

    private final Queue<Runnable> held = new ArrayDeque<>();
    private boolean shutdown;

    @Override
    public synchronized void execute(Runnable task) {
        held.add(task);
    }

    /** Runs the held tasks, and those they submit, until none is left. */
    void runAll() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    /** @return how many tasks wait to be run */
    synchronized int held() {
        return held.size();
    }

    private synchronized Runnable poll() {
        return held.poll();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        return Collections.emptyList();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
