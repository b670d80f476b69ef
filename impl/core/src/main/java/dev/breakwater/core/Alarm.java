package dev.breakwater.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One synchronous call's timeout as the {@link Watchdog} keeps it: the thread to interrupt, when, and the link
 * to the alarm armed after it. Disarmed by the caller when its call ends ({@link #disarm()}).
 */
final class Alarm extends ThreadInterrupter {

    private static final long serialVersionUID = 1L;
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Alarm.class, "next", Alarm.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** On {@code System.nanoTime()}. */
    final long deadline;
    @SuppressWarnings("unused") // accessed through NEXT
    private transient Alarm next;

    Alarm(Thread target, long deadline) {
        super(target);
        this.deadline = deadline;
    }

    Alarm next() {
        return (Alarm) NEXT.getAcquire(this);
    }

    /** Publishes the alarm after this one, with everything its arming thread wrote before. */
    void link(Alarm following) {
        NEXT.setRelease(this, following);
    }

    /** @return whether the alarm can no longer fire: its call ended, or it fired */
    boolean done() {
        return get() != ARMED;
    }
}
