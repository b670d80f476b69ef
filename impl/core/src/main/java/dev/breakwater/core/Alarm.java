package dev.breakwater.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One synchronous call's timeout as the {@link Watchdog} keeps it: the thread to interrupt, when, and the link
 * to the alarm armed after it. Disarmed by the caller when its call ends ({@link #disarm()}); it interrupts at most
 * once, by {@link InterruptOnce}'s rule.
 */
final class Alarm extends InterruptOnce implements Runnable {

    private static final long serialVersionUID = 1L;
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Alarm.class, "next", Alarm.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final transient Thread target;

    /** On {@code System.nanoTime()}. */
    final long deadline;

    @SuppressWarnings("unused") // accessed through NEXT
    private transient Alarm next;

    Alarm(Thread target, long deadline) {
        super(ARMED);
        this.target = target;
        this.deadline = deadline;
    }

    /** Fires: interrupts the caller, unless its call ended first. */
    @Override
    public void run() {
        interrupt(target);
    }

    Alarm next() {
        return (Alarm) NEXT.getAcquire(this);
    }

    /** Publishes the alarm after this one, with everything its arming thread wrote before. */
    void link(Alarm following) {
        NEXT.setRelease(this, following);
    }
}
