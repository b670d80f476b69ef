package dev.breakwater.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts the threads whose synchronous calls outlive their timeout, on one thread of its own.
 *
 * <p>Built so that arming and disarming a timeout take no lock and usually wake no thread, unlike a timer task
 * per call (a queue lock taken twice per call, and a wake-up of the timer thread whenever the new task became the
 * head of its queue). Callers append an {@link Alarm} to a lock-free list (one atomic swap of its tail) and
 * disarm it with one compare-and-set when the call ends; nothing is removed on their path. The watchdog thread
 * alone walks the list: it fires the alarms whose deadline has passed and unlinks those that are done.
 *
 * <p>The watchdog sleeps until the earliest deadline it knows of, and while alarms arrive at most
 * {@link #SWEEP_INTERVAL_NANOS}, to unlink the alarms of ended calls so that they do not pile up. A caller wakes
 * it only when the new alarm is due before the watchdog would wake, or when it sleeps with nothing to watch
 * after a quiet interval. A steady stream of calls with timeouts of at least the sweep interval therefore
 * wakes nobody; shorter timeouts in such a stream wake the watchdog up to once per call.
 */
final class Watchdog implements Runnable {

    /** How often the list is swept while alarms arrive; bounds the alarms kept after their calls ended. */
    static final long SWEEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /**
     * Deadlines are compared by difference, which is right only within 2^63 ns of each other: longer timeouts
     * (about 146 years) are cut to this.
     */
    private static final long MAX_TIMEOUT_NANOS = Long.MAX_VALUE >> 1;

    private static final int AWAKE = 0;
    private static final int SLEEPING = 1;
    private static final int IDLE = 2;

    /** The list's first node, never an alarm of a call; only the watchdog thread changes links after it. */
    private final Alarm head = new Alarm(null, 0);

    private final AtomicReference<Alarm> tail = new AtomicReference<>(head);
    private final Thread thread;
    private volatile int mode = AWAKE;

    /** When the sleeping watchdog wakes by itself; written before {@link #mode}, read after it. */
    private volatile long wakeAt;

    private volatile boolean closed;

    /** The earliest deadline of an armed alarm at the last sweep; the watchdog thread's own. */
    private long earliest;

    /** @param name the watchdog thread's name */
    Watchdog(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Arms a timeout for the calling thread.
     *
     * @param timeoutNanos from now
     * @return the alarm, to {@link Alarm#disarm() disarm} when the call ends
     */
    Alarm arm(long timeoutNanos) {
        long deadline = System.nanoTime() + Math.min(timeoutNanos, MAX_TIMEOUT_NANOS);
        Alarm alarm = new Alarm(Thread.currentThread(), deadline);
        tail.getAndSet(alarm).link(alarm);
        int current = mode;
        if (current == IDLE || current == SLEEPING && deadline - wakeAt < 0) {
            LockSupport.unpark(thread);
        }
        return alarm;
    }

    /** @return the alarms that may still fire, counted by walking the list; for tests and diagnostics */
    int armed() {
        int count = 0;
        for (Alarm alarm = head.next(); alarm != null; alarm = alarm.next()) {
            count += alarm.done() ? 0 : 1;
        }
        return count;
    }

    /** Stops the watchdog thread and waits for it; alarms still armed never fire. */
    void close() {
        closed = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        Alarm sweptUpTo = head;
        while (!closed) {
            Alarm lastSeen = tail.get();
            long now = System.nanoTime();
            boolean watching = sweep(now);
            boolean arriving = lastSeen != sweptUpTo;
            sweptUpTo = lastSeen;
            boolean timed = watching || arriving;
            long sleepNanos = 0;
            if (timed) {
                // While calls arrive, come back soon to unlink the alarms of those that ended;
                // staying awake
                // also spares the next callers the work of waking the watchdog.
                sleepNanos = watching ? earliest - now : SWEEP_INTERVAL_NANOS;
                sleepNanos = arriving ? Math.min(sleepNanos, SWEEP_INTERVAL_NANOS) : sleepNanos;
                wakeAt = now + sleepNanos;
                mode = SLEEPING;
            } else {
                mode = IDLE;
            }
            if (!missedArrival(lastSeen, timed)) {
                if (timed) {
                    LockSupport.parkNanos(this, sleepNanos);
                } else {
                    LockSupport.park(this);
                }
            }
            mode = AWAKE;
        }
    }

    /**
     * A caller that appended its alarm while the watchdog was awake did not wake it. Such alarms follow
     * {@code lastSeen}, the tail before the sweep; the caller's atomic swap of the tail comes before its read of
     * {@link #mode}, so if it read the watchdog awake, the swap is visible here.
     *
     * @return whether such an alarm is due before the watchdog would wake, or is not linked yet
     */
    private boolean missedArrival(Alarm lastSeen, boolean timed) {
        Alarm last = tail.get();
        Alarm alarm = lastSeen;
        while (alarm != last) {
            alarm = alarm.next();
            if (alarm == null) {
                return true;
            }
            if (!alarm.done() && (!timed || alarm.deadline - wakeAt < 0)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fires every armed alarm whose deadline has passed and unlinks every done one, except the last of the list:
     * a caller may be linking the next alarm to it. Sets {@link #earliest}.
     *
     * @return whether an alarm is still armed
     */
    private boolean sweep(long now) {
        boolean watching = false;
        Alarm previous = head;
        Alarm current = head.next();
        while (current != null) {
            Alarm following = current.next();
            if (!current.done() && current.deadline - now <= 0) {
                current.run();
            }
            if (current.done() && following != null) {
                previous.link(following);
            } else {
                if (!current.done() && (!watching || current.deadline - earliest < 0)) {
                    earliest = current.deadline;
                    watching = true;
                }
                previous = current;
            }
            current = following;
        }
        return watching;
    }
}
