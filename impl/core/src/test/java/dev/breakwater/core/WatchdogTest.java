package dev.breakwater.core;

import static dev.breakwater.core.Gate.PATIENCE_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    private static String uniqueName() {
        return "breakwater-watchdog-test-" + UNIQUE.incrementAndGet();
    }

    /** Blocks until interrupted, at most the tests' patience; the interrupt is consumed. */
    private static boolean interruptedWhileBlocked() {
        try {
            return !new CountDownLatch(1).await(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    @Test
    void anAlarmPastItsDeadlineInterruptsItsThreadOnceAndDisarmingReportsIt() {
        Watchdog watchdog = new Watchdog(uniqueName());
        try {
            Alarm alarm = watchdog.arm(TimeUnit.MILLISECONDS.toNanos(20));

            assertThat(interruptedWhileBlocked()).as("interrupted").isTrue();
            assertThat(alarm.disarm()).as("fired").isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(watchdog.armed()).isZero();
        } finally {
            watchdog.close();
        }
    }

    @Test
    void disarmedAlarmsNeverFireAndAreNotCountedAsArmed() {
        Watchdog watchdog = new Watchdog(uniqueName());
        try {
            for (int i = 0; i < 10_000; i++) {
                assertThat(watchdog.arm(HOUR).disarm()).isFalse();
            }

            assertThat(watchdog.armed()).isZero();
        } finally {
            watchdog.close();
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anAlarmDueBeforeTheOneTheWatchdogSleepsForFiresAtItsOwnDeadline() {
        Watchdog watchdog = new Watchdog(uniqueName());
        try {
            Alarm far = watchdog.arm(HOUR);
            Alarm near = watchdog.arm(TimeUnit.MILLISECONDS.toNanos(20));

            assertThat(interruptedWhileBlocked())
                    .as("interrupted before the patience ran out")
                    .isTrue();
            assertThat(near.disarm()).as("near fired").isTrue();
            assertThat(far.disarm()).as("far fired").isFalse();
            assertThat(watchdog.armed()).isZero();
        } finally {
            watchdog.close();
        }
    }

    @Test
    void theLongestTimeoutDoesNotOverflowIntoThePast() {
        Watchdog watchdog = new Watchdog(uniqueName());
        try {
            Alarm forever = watchdog.arm(Long.MAX_VALUE);
            Alarm near = watchdog.arm(TimeUnit.MILLISECONDS.toNanos(20));

            assertThat(interruptedWhileBlocked()).as("interrupted by the near alarm").isTrue();
            assertThat(near.disarm()).as("near fired").isTrue();
            assertThat(forever.disarm()).as("forever fired").isFalse();
        } finally {
            watchdog.close();
        }
    }

    @Test
    void closingStopsTheWatchdogsThreadAndArmedAlarmsNeverFire() throws Exception {
        String name = uniqueName();
        Watchdog watchdog = new Watchdog(name);
        Alarm alarm = watchdog.arm(TimeUnit.MILLISECONDS.toNanos(50));
        Thread thread =
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals(name))
                        .findFirst()
                        .orElseThrow();

        watchdog.close();

        assertThat(thread.isAlive()).isFalse();
        assertThat(alarm.disarm()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
