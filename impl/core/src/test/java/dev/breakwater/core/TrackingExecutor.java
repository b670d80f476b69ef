package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An executor for {@link ThreadPools#withExecutor} that counts the tasks it has been given and not yet
 * finished, so that a test can wait until the engine has nothing more in flight instead of sleeping.
 */
final class TrackingExecutor extends AbstractExecutorService {

    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService delegate =
            Executors.newCachedThreadPool(
                    task -> {
                        Thread thread =
                                new Thread(task, "tracked-" + threadNumber.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
    private int inFlight;

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            inFlight++;
        }
        try {
            delegate.execute(
                    () -> {
                        try {
                            task.run();
                        } finally {
                            finished();
                        }
                    });
        } catch (RejectedExecutionException e) {
            finished();
            throw e;
        }
    }

    private synchronized void finished() {
        inFlight--;
        notifyAll();
    }

    /** Waits until exactly {@code tasks} tasks are in flight (for example, the calls a test holds). */
    synchronized void awaitInFlight(int tasks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Gate.PATIENCE_SECONDS);
        while (inFlight != tasks) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        assertThat(inFlight).as("tasks in flight").isEqualTo(tasks);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
