package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one rule by which Breakwater interrupts a thread running a guarded operation (a synchronous call past its
 * timeout, an asynchronous attempt that is cancelled or times out): at most once, only while the work is armed, and
 * never past the work it was meant for.
 *
 * <p>The state is the integer this class extends, so the rule costs its users no object of its own. The thread
 * doing the work {@link #arm arms} it (or starts {@link #ARMED}) and {@link #disarm disarms} it when the work is
 * over; another thread {@link #interrupt interrupts} it meanwhile. Both moves out of {@code ARMED} are one
 * compare-and-set, so exactly one wins. If the interrupt won, disarming waits until it has landed (it is set to
 * {@code FIRED} right after {@code Thread.interrupt()} returns) and then clears the thread's interrupt status, so
 * the thread carries no stale interrupt into whatever it runs next.
 *
 * <p>Subclasses may use states of their own before arming, numbered from {@link #FIRST_OWN_STATE}.
 */
abstract class InterruptOnce extends AtomicInteger {

    private static final long serialVersionUID = 1L;

    /** The work runs and may be interrupted. */
    static final int ARMED = 0;

    /** The work ended without an interrupt. */
    static final int DISARMED = 1;

    /** The interrupt is being delivered. */
    private static final int FIRING = 2;

    /** The interrupt was delivered. */
    private static final int FIRED = 3;

    /** The first state a subclass may give a meaning of its own. */
    static final int FIRST_OWN_STATE = 4;

    /** @param initial {@link #ARMED}, or a state of the subclass's own from which it {@link #arm arms} later */
    InterruptOnce(int initial) {
        super(initial);
    }

    /**
     * Arms from a state of the subclass's own, as the thread that runs the work starts it.
     *
     * @return whether the state was {@code from}, so that the work may run
     */
    final boolean arm(int from) {
        return compareAndSet(from, ARMED);
    }

    /**
     * Interrupts {@code thread} if the work is armed; otherwise does nothing.
     *
     * @param thread the thread running the work
     */
    final void interrupt(Thread thread) {
        if (compareAndSet(ARMED, FIRING)) {
            thread.interrupt();
            set(FIRED);
        }
    }

    /**
     * Called by the thread that ran the work, when it is over.
     *
     * @return whether the interrupt fired, in which case it has landed and been cleared
     */
    final boolean disarm() {
        if (compareAndSet(ARMED, DISARMED)) {
            return false;
        }
        while (get() != FIRED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }

    /** @return whether the work can no longer be interrupted: it ended, or the interrupt fired */
    final boolean done() {
        return get() != ARMED;
    }
}
