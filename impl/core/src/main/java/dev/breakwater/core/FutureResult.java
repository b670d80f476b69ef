package dev.breakwater.core;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The caller's view of an asynchronous call whose operation returns a {@link Future}: the outer future
 * completes with the operation's own future, and this one behaves like that future once it arrives.
 */
final class FutureResult implements Future<Object> {

    private final InvocationFuture outer;

    FutureResult(InvocationFuture outer) {
        this.outer = outer;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        if (outer.cancel(mayInterruptIfRunning)) {
            return true;
        }
        Future<?> inner = innerIfArrived();
        return inner != null && inner.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        if (outer.isCancelled()) {
            return true;
        }
        Future<?> inner = innerIfArrived();
        return inner != null && inner.isCancelled();
    }

    @Override
    public boolean isDone() {
        if (!outer.isDone()) {
            return false;
        }
        Future<?> inner = innerIfArrived();
        return inner == null || inner.isDone();
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        Future<?> inner = (Future<?>) outer.get();
        return inner == null ? null : inner.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        Future<?> inner = (Future<?>) outer.get(timeout, unit);
        return inner == null
                ? null
                : inner.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private Future<?> innerIfArrived() {
        if (!outer.isDone() || outer.isCompletedExceptionally()) {
            return null;
        }
        return (Future<?>) outer.getNow(null);
    }
}
