package dev.breakwater.quarkus;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import java.util.List;
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

    /**
     * Fleet mode for annotated circuit breakers: the breakers of one name in every replica act as one, on Redis (see
     * the fleet mode guide, cluster.md). Runs on Quarkus's own Redis client: the application adds
     * {@code io.quarkus:quarkus-redis-client} and sets {@code quarkus.redis.hosts}. Every key under
     * {@code quarkus.breakwater.fleet} is checked at start: an unknown one or an invalid value fails it.
     */
    Fleet fleet();

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

    /** Fleet mode for annotated circuit breakers. */
    interface Fleet {

        /**
         * The breakers that join the fleet, by the names the control API shows: a {@code @BreakerName}, or
         * {@code <bean class>#<method>}. Fleet mode is off while no breaker or rate limit is named.
         */
        Optional<List<String>> breakers();

        /**
         * The rate limits ({@code @RateLimit} methods) that join the fleet, as {@code <bean class>#<method>}: each
         * admits its limit per window across every replica. Only {@code FIXED} limits with a window of whole
         * milliseconds, at most an hour.
         */
        Optional<List<String>> rateLimits();

        /**
         * The Quarkus Redis client the fleet member uses, by name: the one {@code quarkus.redis.<name>.*}
         * configures. Quarkus creates a named client when {@code quarkus.redis.<name>.hosts} is set when the
         * application is built.
         */
        @ConfigDocDefault("the default client, configured by quarkus.redis.hosts")
        Optional<String> redisClient();

        /**
         * Not used on Quarkus, where {@code quarkus.redis.hosts} says where Redis is (the Lettuce setting of fleet mode
         * on a CDI container): set, it fails the start, naming the Quarkus key to set instead.
         */
        Optional<String> redisUri();

        /**
         * The application's name, the same in every replica: its keys are under {@code breakwater:<application>:}.
         * 1 to 100 letters, digits, '.', '_' or '-'; required when a breaker is in fleet mode.
         */
        Optional<String> application();

        /** This replica's identifier in the fleet, distinct from the others'; 1 to 200 characters. */
        @ConfigDocDefault("the process id and a random suffix")
        Optional<String> instance();

        /**
         * The replicas that must have reported failures for the fleet to open a breaker: a whole number, 1 or more.
         */
        @ConfigDocDefault("2")
        Optional<String> quorum();

        /** How often the member exchanges with Redis: 200ms, 1s or PT0.2S, from 10 ms to 1 min. */
        @ConfigDocDefault("200ms")
        Optional<String> flushInterval();

        /**
         * The member's failed exchanges in a row after which its breakers and rate limits go on alone: a whole
         * number, 1 or more.
         */
        @ConfigDocDefault("3")
        Optional<String> fallbackAfterFailures();

        /**
         * How long an exchange waits for Redis's answer before it fails (a failed exchange, counted towards
         * {@code fallback-after-failures}): 250ms, 1s or PT0.25S, from 1 ms to 10 s.
         */
        @ConfigDocDefault("250ms")
        Optional<String> commandTimeout();

        /**
         * How long commands wait until Redis has first answered, since the first waits for Quarkus's Redis client to
         * connect (and authenticate): 1s, 500ms or PT1S, from 1 ms to 10 s.
         */
        @ConfigDocDefault("1s")
        Optional<String> connectTimeout();

        /**
         * The span of the fleet's window for breakers with a count-based window, whose summed calls and failures open
         * a breaker fleet-wide: whole seconds, 10s, 1m or PT10S, from 1 s to 1 h.
         */
        @ConfigDocDefault("10s")
        Optional<String> window();

        /**
         * How long a fleet-wide half-open period may stay undecided (a probe's outcome lost, a replica gone with its
         * lease) before the fleet opens the breaker again: whole milliseconds, 5s, 500ms or PT5S, from 1 ms to about 292
         * years.
         */
        @ConfigDocDefault("5s")
        Optional<String> probeLease();

        /**
         * The longest fleet hold this replica accepts, from an operator or read back from Redis: whole milliseconds,
         * 24h, 30m or P1D, from 1 ms to about 292 years.
         */
        @ConfigDocDefault("24h")
        Optional<String> maxHold();

        /**
         * Not used on Quarkus, where {@code quarkus.redis.tls-configuration-name} (a TLS configuration of
         * {@code quarkus.tls.*}) says whom to trust (the Lettuce setting of fleet mode on a CDI container): set, it
         * fails the start, naming the Quarkus key to set instead.
         */
        Optional<String> tlsCaFile();
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
