package dev.breakwater.quarkus;

import dev.breakwater.cdi.GuardedMethodDefinitions;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The guarded methods' definitions, read and checked on a thread of their own ({@code breakwater-start}) while
 * Quarkus goes on starting on its main thread: reading is mostly loading classes and looking up config keys, and
 * the main thread has hundreds of milliseconds of its own start-up work to do meanwhile. The thread ends when the
 * reading does. Whoever needs the definitions waits for them, and a definition error is thrown to that caller as it
 * was thrown on the reading thread, so that it fails the start as before.
 */
final class DefinitionsReading {

    private final FutureTask<GuardedMethodDefinitions> task;

    private DefinitionsReading(FutureTask<GuardedMethodDefinitions> task) {
        this.task = task;
    }

    /**
     * @param read reads and checks the definitions, throwing the deployment's definition errors
     * @return the reading, already started on its own thread, with the caller's context class loader
     */
    static DefinitionsReading start(Callable<GuardedMethodDefinitions> read) {
        FutureTask<GuardedMethodDefinitions> task = new FutureTask<>(read);
        Thread thread = new Thread(task, "breakwater-start");
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.setDaemon(true);
        thread.start();
        return new DefinitionsReading(task);
    }

    /**
     * @return the definitions, once read
     * @throws RuntimeException the reading's own, such as a {@code FaultToleranceDefinitionException}
     */
    GuardedMethodDefinitions await() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(
                    "Breakwater could not read the guarded methods' definitions", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for Breakwater to read the guarded methods' definitions",
                    e);
        }
    }
}
