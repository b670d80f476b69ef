package dev.breakwater.quarkus;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;

import java.util.Optional;

/**
 * Breakwater's own settings that apply when the application starts. The fault tolerance settings the incumbent
 * reads ({@code quarkus.fault-tolerance.*}, the spec's {@code <class>/<method>/<annotation>/<member>}) are read as
 * documented in the configuration reference, not here.
 */
@ConfigMapping(prefix = "quarkus.breakwater")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface BreakwaterConfig {

    /** The readiness checks. */
    Health health();

    /** How calls are refused. */
    Refusals refusals();

    /** The readiness checks. */
    interface Health {

        /**
         * Whether the circuit breakers' readiness check is down while a breaker is open or held open. An open
         * breaker means a dependency fails, and every replica sees the same dependency, so by default the check
         * stays up; applications whose only job is the guarded call can turn this on. Replaces
         * {@code breakwater.health.down-when-open}, which is still read, with a warning.
         */
        @ConfigDocDefault("false")
        Optional<@WithConverter(StrictFlagConverter.class) Boolean> downWhenOpen();
    }

    /** How calls are refused. */
    interface Refusals {

        /**
         * Whether an open breaker and a full bulkhead refuse with subclasses of {@code CircuitBreakerOpenException}
         * and {@code BulkheadException} that record no stack trace (cheaper), rather than with exactly the spec's
         * classes. Replaces {@code breakwater.refusals.stackless}, which is still read, with a warning.
         */
        @ConfigDocDefault("false")
        Optional<@WithConverter(StrictFlagConverter.class) Boolean> stackless();
    }
}
