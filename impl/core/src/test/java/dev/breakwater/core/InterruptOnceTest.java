package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterruptOnceTest {

    private static final int WAITING = InterruptOnce.FIRST_OWN_STATE;

    /** The smallest user of the rule: work that starts waiting and is armed when it runs. */
    private static final class Work extends InterruptOnce {
        private static final long serialVersionUID = 1L;

        Work(int initial) {
            super(initial);
        }
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void anInterruptWhileArmedLandsAndDisarmingReportsAndClearsIt() {
        Work work = new Work(InterruptOnce.ARMED);

        work.interrupt(Thread.currentThread());

        assertThat(Thread.currentThread().isInterrupted()).as("landed").isTrue();
        assertThat(work.done()).isTrue();
        assertThat(work.disarm()).as("fired").isTrue();
        assertThat(Thread.currentThread().isInterrupted()).as("cleared").isFalse();
    }

    @Test
    void aSecondInterruptIsNotDelivered() {
        Work work = new Work(InterruptOnce.ARMED);
        work.interrupt(Thread.currentThread());
        Thread.interrupted();

        work.interrupt(Thread.currentThread());

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void anInterruptAfterDisarmingIsNotDelivered() {
        Work work = new Work(InterruptOnce.ARMED);
        assertThat(work.disarm()).as("fired").isFalse();

        work.interrupt(Thread.currentThread());

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(work.done()).isTrue();
    }

    @Test
    void workNotYetArmedIsNotInterruptedAndArmsOnlyFromTheStateItWasIn() {
        Work work = new Work(WAITING);

        work.interrupt(Thread.currentThread());

        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(work.arm(WAITING + 1)).as("armed from another state").isFalse();
        assertThat(work.arm(WAITING)).as("armed").isTrue();
        assertThat(work.done()).isFalse();
    }
}
