package dev.breakwater.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interrupts one thread at most once, unless disarmed first. Disarming after the interrupt waits until it has
 * landed and clears it, so that the interrupt never leaks past the call it was meant for.
 */
class ThreadInterrupter extends AtomicInteger implements Runnable {

    private static final long serialVersionUID = 1L;
    static final int ARMED = 0;
    private static final int DISARMED = 1;
    private static final int FIRING = 2;
    private static final int FIRED = 3;

    private final transient Thread target;

    ThreadInterrupter(Thread target) {
        this.target = target;
    }

    @Override
    public void run() {
        if (compareAndSet(ARMED, FIRING)) {
            target.interrupt();
            set(FIRED);
        }
    }

    /**
     * Called by the target thread when its call is over.
     *
     * @return whether the interrupt fired, in which case the call timed out
     */
    boolean disarm() {
        if (compareAndSet(ARMED, DISARMED)) {
            return false;
        }
        while (get() != FIRED) {
            Thread.onSpinWait();
        }
        Thread.interrupted();
        return true;
    }
}
