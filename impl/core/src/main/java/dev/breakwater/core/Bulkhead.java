package dev.breakwater.core;

/**
 * A bulkhead of the typed API: limits how many calls of the guards it is given to run at once, counted together.
 * Build it once with {@link #builder()} and give it to every guard that should share its places.
 *
 * <p>Its guards must be of one kind, because the two kinds count differently: synchronous {@link Guard}s take a
 * place or are refused at once, without a lock; {@link AsyncGuard}s may also wait in the queue, in arrival order,
 * and must then start their attempts the same way (all non-blocking, or all offloaded to the same executor), since
 * a freed place starts the oldest waiting attempt whichever guard it came from. A guard that breaks this is refused
 * when it is built.
 */
public final class Bulkhead {

    private final BulkheadPolicy policy;
    private final SemaphoreBulkhead synchronous;

    /** Guarded by this; set by the first guard built with this bulkhead. */
    private String firstGuard;

    private boolean firstAsynchronous;
    private Object firstWorkers;
    private volatile QueueingBulkhead asynchronous;

    Bulkhead(BulkheadPolicy policy) {
        this.policy = policy;
        this.synchronous = new SemaphoreBulkhead(policy);
    }

    /** @return a builder with the spec's defaults: 10 running, 10 waiting */
    public static BulkheadBuilder builder() {
        return new BulkheadBuilder();
    }

    /** @return calls allowed to run at the same time */
    public int limit() {
        return policy.maxConcurrent();
    }

    /** @return asynchronous calls allowed to wait for a place */
    public int queueSize() {
        return policy.waitingTaskQueue();
    }

    /** @return the calls running now, across every guard of this bulkhead */
    public int running() {
        QueueingBulkhead queueing = asynchronous;
        return queueing != null ? queueing.running() : synchronous.running();
    }

    /** @return the asynchronous calls waiting for a place now; always 0 for synchronous guards */
    public int waiting() {
        QueueingBulkhead queueing = asynchronous;
        return queueing != null ? queueing.waiting() : 0;
    }

    /** @param guard the synchronous guard being built, which will take places from the returned counter */
    synchronized SemaphoreBulkhead forSynchronous(String guard) {
        claim(guard, false, null);
        return synchronous;
    }

    /**
     * @param guard the asynchronous guard being built
     * @param attempts how the guard starts attempts
     * @param workers identifies where {@code attempts} runs them: {@code null} for the caller's thread
     */
    synchronized QueueingBulkhead forAsynchronous(String guard, Offload attempts, Object workers) {
        claim(guard, true, workers);
        if (asynchronous == null) {
            asynchronous = new QueueingBulkhead(policy, attempts, null, Ticker.SYSTEM);
        }
        return asynchronous;
    }

    private void claim(String guard, boolean isAsynchronous, Object workers) {
        if (firstGuard == null) {
            firstGuard = guard;
            firstAsynchronous = isAsynchronous;
            firstWorkers = workers;
            return;
        }
        if (firstAsynchronous != isAsynchronous) {
            throw new IllegalArgumentException(
                    guard
                            + " cannot share the bulkhead of "
                            + firstGuard
                            + ": one is "
                            + "synchronous, the other asynchronous; allowed: guards of one kind (build a bulkhead for each)");
        }
        if (firstWorkers != workers) {
            throw new IllegalArgumentException(
                    guard
                            + " cannot share the bulkhead of "
                            + firstGuard
                            + ": they start "
                            + "attempts differently (non-blocking or offloaded, or to different executors); allowed: "
                            + "asynchronous guards that start attempts the same way");
        }
    }
}
