package dev.breakwater.examples.checkout.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The gateway's state: its knobs and how many calls reached it. */
@ApplicationScoped
public class SimulatedGateway {

    /** What a call to the gateway is answered with, before any latency. */
    public enum Answer {
        OK,
        FAILURE,
        OUTAGE
    }

    private final AtomicReference<Knobs> knobs = new AtomicReference<>(Knobs.HEALTHY);
    private final AtomicLong charges = new AtomicLong();
    private final AtomicLong catalogue = new AtomicLong();

    public Knobs knobs() {
        return knobs.get();
    }

    public void turn(Knobs newKnobs) {
        knobs.set(newKnobs);
    }

    public GatewayStats stats() {
        return new GatewayStats(charges.get(), catalogue.get());
    }

    /** Counts a charge and decides its answer. */
    Answer charge() {
        charges.incrementAndGet();
        return answer();
    }

    /** Counts a catalogue call and decides its answer. */
    Answer catalogue() {
        catalogue.incrementAndGet();
        return answer();
    }

    private Answer answer() {
        Knobs current = knobs.get();
        if (current.outage()) {
            return Answer.OUTAGE;
        }
        if (current.failureRate() > 0
                && ThreadLocalRandom.current().nextDouble() < current.failureRate()) {
            return Answer.FAILURE;
        }
        return Answer.OK;
    }
}
