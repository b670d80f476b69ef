package dev.breakwater.core;

import dev.breakwater.core.fleet.FleetBackend;
import dev.breakwater.core.fleet.FleetRules;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Builds a {@link FleetMember}: one per application instance and fleet store. Get one from
 * {@link FleetMember#builder(FleetBackend)}.
 */
public final class FleetMemberBuilder {

    private final FleetBackend backend;
    private String instance =
            ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private Duration flushInterval = Duration.ofMillis(200);
    private int quorum = 2;
    private Duration window = Duration.ofSeconds(10);
    private Duration probeLease = Duration.ofSeconds(5);
    private int fallbackAfterFailures = 3;
    private Duration maxHold = Duration.ofDays(1);

    FleetMemberBuilder(FleetBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /**
     * @param instance this instance's identifier in the fleet, distinct from the other instances'; default the
     *                 process id and a random suffix
     */
    public FleetMemberBuilder instance(String instance) {
        this.instance = Objects.requireNonNull(instance, "instance");
        return this;
    }

    /**
     * @param interval how often the member exchanges with the store when no announcement wakes it earlier: the
     *                 delay before this instance's counts reach the fleet, and the safety net's period; 10 ms to
     *                 1 min, default 200 ms
     */
    public FleetMemberBuilder flushInterval(Duration interval) {
        this.flushInterval = Objects.requireNonNull(interval, "flushInterval");
        return this;
    }

    /**
     * @param instances the distinct instances that must have reported failures in the fleet's window for it to open
     *                  a breaker fleet-wide, so that one instance with a broken path cannot open it for everyone; 1
     *                  or more, default 2 (a fleet of one instance needs 1)
     */
    public FleetMemberBuilder quorum(int instances) {
        this.quorum = instances;
        return this;
    }

    /**
     * @param window the span of the fleet's window for breakers with the spec's count-based window (a breaker with a
     *               time-based window has the fleet sum the same span); whole seconds, 1 s to 1 h, default 10 s
     */
    public FleetMemberBuilder window(Duration window) {
        this.window = Objects.requireNonNull(window, "window");
        return this;
    }

    /**
     * @param lease how long a fleet-wide half-open period may stay undecided (a probe's outcome lost, an instance
     *              gone with its lease) before the fleet opens the breaker again; more than 0, default 5 s
     */
    public FleetMemberBuilder probeLease(Duration lease) {
        this.probeLease = Objects.requireNonNull(lease, "probeLease");
        return this;
    }

    /**
     * @param failures failed exchanges in a row after which the member's breakers go on alone (each failure ends
     *                 within the backend's timeout, so the member is local at most this many times the flush interval
     *                 plus the timeout after the store stopped answering); 1 or more, default 3
     */
    public FleetMemberBuilder fallbackAfterFailures(int failures) {
        this.fallbackAfterFailures = failures;
        return this;
    }

    /**
     * @param longest the longest fleet hold the member accepts, from an operator or read back from the store; more
     *                than 0, default 1 day
     */
    public FleetMemberBuilder maxHold(Duration longest) {
        this.maxHold = Objects.requireNonNull(longest, "maxHold");
        return this;
    }

    /**
     * @return a running member, its thread started
     * @throws IllegalArgumentException naming every invalid option and what it allows
     */
    public FleetMember start() {
        FleetMember member = build();
        member.start();
        return member;
    }

    /** A member whose exchanges the caller drives ({@link FleetMember#round()}), for tests. */
    FleetMember build() {
        BuilderErrors errors = new BuilderErrors("fleet member '" + instance + "'");
        String intervalWritten = BuilderErrors.written("flushInterval", flushInterval);
        long intervalNanos = errors.nanos(intervalWritten, flushInterval);
        if (intervalNanos < TimeUnit.MILLISECONDS.toNanos(10)
                || intervalNanos > TimeUnit.MINUTES.toNanos(1)) {
            errors.add(intervalWritten, "10 ms to 1 min");
        }
        if (instance.isEmpty() || instance.length() > 200) {
            errors.add(BuilderErrors.written("instance", instance), "1 to 200 characters");
        }
        if (quorum < 1) {
            errors.add(BuilderErrors.written("quorum", quorum), "1 or more");
        }
        String windowWritten = BuilderErrors.written("window", window);
        long windowNanos = errors.nanos(windowWritten, window);
        long windowMillis = TimeUnit.NANOSECONDS.toMillis(windowNanos);
        if (windowNanos % TimeUnit.SECONDS.toNanos(1) != 0
                || windowMillis < 1000
                || windowMillis > FleetRules.MAX_WINDOW_MILLIS) {
            errors.add(windowWritten, "whole seconds from 1 s to 1 h");
        }
        String leaseWritten = BuilderErrors.written("probeLease", probeLease);
        long leaseMillis = TimeUnit.NANOSECONDS.toMillis(errors.nanos(leaseWritten, probeLease));
        if (leaseMillis < 1) {
            errors.add(leaseWritten, "1 ms or more");
        }
        if (fallbackAfterFailures < 1) {
            errors.add(
                    BuilderErrors.written("fallbackAfterFailures", fallbackAfterFailures),
                    "1 or more");
        }
        String maxHoldWritten = BuilderErrors.written("maxHold", maxHold);
        long maxHoldMillis = TimeUnit.NANOSECONDS.toMillis(errors.nanos(maxHoldWritten, maxHold));
        if (maxHoldMillis < 1) {
            errors.add(maxHoldWritten, "1 ms or more");
        }
        errors.throwIfAny();
        return new FleetMember(
                backend,
                instance,
                intervalNanos,
                quorum,
                windowMillis,
                leaseMillis,
                fallbackAfterFailures,
                maxHoldMillis);
    }
}
