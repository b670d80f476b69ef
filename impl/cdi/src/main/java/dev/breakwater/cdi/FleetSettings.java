package dev.breakwater.cdi;

import dev.breakwater.core.FleetMember;
import dev.breakwater.core.FleetMemberBuilder;
import dev.breakwater.core.RateLimitPolicy;
import dev.breakwater.core.Violation;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Fleet mode for annotated breakers and rate limits, as configured: which breakers and rate limits join the fleet
 * and how this container's member takes part. Read once at deployment under {@code quarkus.breakwater.fleet.}
 * (Quarkus's form, first) and {@code breakwater.fleet.}; every key under those prefixes is checked, so a typo fails
 * the deployment instead of leaving a breaker or a limit local. Fleet mode is off unless {@code breakers} or
 * {@code rate-limits} names at least one. How the member reaches Redis is the platform's {@link FleetConnector}'s,
 * which reads its own settings through this.
 */
public final class FleetSettings {

    /** Quarkus's prefix first: there Breakwater's own settings live under {@code quarkus.breakwater}. */
    private static final List<String> PREFIXES =
            List.of("quarkus.breakwater.fleet.", "breakwater.fleet.");

    static final String BREAKERS = "breakers";
    static final String RATE_LIMITS = "rate-limits";
    static final String APPLICATION = "application";
    static final String INSTANCE = "instance";
    static final String QUORUM = "quorum";
    static final String FLUSH_INTERVAL = "flush-interval";
    static final String FALLBACK_AFTER_FAILURES = "fallback-after-failures";
    static final String COMMAND_TIMEOUT = "command-timeout";
    static final String CONNECT_TIMEOUT = "connect-timeout";
    static final String WINDOW = "window";
    static final String PROBE_LEASE = "probe-lease";
    static final String MAX_HOLD = "max-hold";
    private static final Set<String> COMMON =
            Set.of(
                    APPLICATION,
                    BREAKERS,
                    COMMAND_TIMEOUT,
                    CONNECT_TIMEOUT,
                    FALLBACK_AFTER_FAILURES,
                    FLUSH_INTERVAL,
                    INSTANCE,
                    MAX_HOLD,
                    PROBE_LEASE,
                    QUORUM,
                    RATE_LIMITS,
                    WINDOW);

    /** The Lettuce backend's defaults, which the Quarkus backend shares. */
    private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    /** What both backends accept for a timeout (the Lettuce backend's builder checks the same). */
    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(1);

    private static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(10);

    /** What the member's builder accepts for its window ({@code FleetRules.MAX_WINDOW_MILLIS} at most). */
    private static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);

    private static final Duration LONGEST_WINDOW = Duration.ofHours(1);

    /** The member's builder takes a probe lease and a longest hold in nanoseconds, and keeps their milliseconds. */
    private static final Duration SHORTEST_LEASE = Duration.ofMillis(1);

    private static final Duration LONGEST_LEASE = Duration.ofNanos(Long.MAX_VALUE);

    private static final String LEASE_RANGE = "whole milliseconds from 1 ms to about 292 years: ";

    private static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern CREDENTIALS = Pattern.compile("//[^/@]*@");
    private static final String DURATION_ALLOWED = "a duration such as 200ms, 1s or PT0.2S";

    private final Config config;
    private final FleetConnector connector;
    private final Set<String> names;
    private final List<String> breakers;
    private final List<String> rateLimits;
    private final String application;
    private final String instance;
    private final Integer quorum;
    private final Duration flushInterval;
    private final Integer fallbackAfterFailures;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final Duration window;
    private final Duration probeLease;
    private final Duration maxHold;
    private final String breakersKey;
    private final String rateLimitsKey;

    /** The key that switched fleet mode on, as written, and what it puts there, for the messages. */
    private final String switchKey;

    private final String switched;

    private FleetSettings(Config config, FleetConnector connector, DefinitionErrors errors) {
        this.config = config;
        this.connector = connector;
        this.names = new TreeSet<>(COMMON);
        names.addAll(connector.settings());
        checkNames(errors);
        this.breakersKey = key(BREAKERS);
        this.breakers = value(BREAKERS).map(FleetSettings::list).orElse(List.of());
        this.rateLimitsKey = key(RATE_LIMITS);
        this.rateLimits = value(RATE_LIMITS).map(FleetSettings::list).orElse(List.of());
        this.switchKey = breakers.isEmpty() ? rateLimitsKey : breakersKey;
        this.switched = breakers.isEmpty() ? "rate limits" : "breakers";
        this.application = value(APPLICATION).orElse(null);
        this.instance = value(INSTANCE).orElse(null);
        this.quorum = value(QUORUM).map(text -> quorum(text, errors)).orElse(null);
        this.flushInterval =
                value(FLUSH_INTERVAL)
                        .map(
                                text ->
                                        duration(
                                                FLUSH_INTERVAL,
                                                text,
                                                Duration.ofMillis(10),
                                                Duration.ofMinutes(1),
                                                "from 10 ms to 1 min (default 200ms)",
                                                errors))
                        .orElse(null);
        this.fallbackAfterFailures =
                value(FALLBACK_AFTER_FAILURES)
                        .map(
                                text ->
                                        wholeNumber(
                                                FALLBACK_AFTER_FAILURES,
                                                text,
                                                "a whole number, 1 or more: the failed exchanges in a row after"
                                                        + " which the member's breakers and rate limits go on alone"
                                                        + " (default 3)",
                                                errors))
                        .orElse(null);
        this.commandTimeout =
                value(COMMAND_TIMEOUT)
                        .map(
                                text ->
                                        timeout(
                                                COMMAND_TIMEOUT,
                                                text,
                                                "how long an exchange waits for Redis's answer before it"
                                                        + " fails (default 250ms)",
                                                errors))
                        .orElse(DEFAULT_COMMAND_TIMEOUT);
        this.connectTimeout =
                value(CONNECT_TIMEOUT)
                        .map(
                                text ->
                                        timeout(
                                                CONNECT_TIMEOUT,
                                                text,
                                                "how long connecting to Redis (and AUTH, TLS) may take, which"
                                                        + " the first exchange waits for (default 1s)",
                                                errors))
                        .orElse(DEFAULT_CONNECT_TIMEOUT);
        this.window =
                value(WINDOW)
                        .map(
                                text ->
                                        duration(
                                                WINDOW,
                                                text,
                                                SHORTEST_WINDOW,
                                                LONGEST_WINDOW,
                                                ChronoUnit.SECONDS,
                                                "whole seconds from 1 s to 1 h: the span of the fleet's window"
                                                        + " for breakers with a count-based window, whose summed"
                                                        + " calls and failures open a breaker fleet-wide"
                                                        + " (default 10s)",
                                                errors))
                        .orElse(null);
        this.probeLease =
                value(PROBE_LEASE)
                        .map(
                                text ->
                                        lease(
                                                PROBE_LEASE,
                                                text,
                                                "how long a fleet-wide half-open period may stay undecided (a"
                                                        + " probe's outcome lost, a replica gone with its lease)"
                                                        + " before the fleet opens the breaker again (default 5s)",
                                                errors))
                        .orElse(null);
        this.maxHold =
                value(MAX_HOLD)
                        .map(
                                text ->
                                        lease(
                                                MAX_HOLD,
                                                text,
                                                "the longest fleet hold this replica accepts, from an operator"
                                                        + " or read back from Redis (default 24h)",
                                                errors))
                        .orElse(null);
        if (!enabled()) {
            return;
        }
        if (application == null) {
            errors.add(
                    missing(
                            APPLICATION,
                            "the application's name, the same in every replica (the keys are under"
                                    + " breakwater:<application>:)"));
        } else if (!APPLICATION_NAME.matcher(application).matches()) {
            errors.add(
                    invalid(APPLICATION, application, "1 to 100 letters, digits, '.', '_' or '-'"));
        }
        if (instance != null && (instance.isEmpty() || instance.length() > 200)) {
            errors.add(invalid(INSTANCE, instance, "1 to 200 characters"));
        }
        connector.problems(this).forEach(errors::add);
    }

    /**
     * @param config where the keys are read
     * @param connector how the member reaches Redis on this platform, which reads and checks its own settings
     * @param errors collects every unknown key and every invalid value
     * @return the settings, fleet mode off when no breaker is named
     */
    static FleetSettings read(Config config, FleetConnector connector, DefinitionErrors errors) {
        return new FleetSettings(config, connector, errors);
    }

    /**
     * Reports every key under the prefixes that names no setting of this platform: the other platform's connection
     * settings with what to use instead, any other name as a typo with the nearest name.
     */
    private void checkNames(DefinitionErrors errors) {
        Map<String, String> elsewhere = connector.otherPlatformsSettings();
        for (String written : config.getPropertyNames()) {
            for (String prefix : PREFIXES) {
                String bare =
                        written.startsWith("%") && written.indexOf('.') > 0
                                ? written.substring(written.indexOf('.') + 1)
                                : written;
                String name = bare.substring(Math.min(prefix.length(), bare.length()));
                if (!bare.startsWith(prefix) || names.contains(name)) {
                    continue;
                }
                if (elsewhere.containsKey(name)) {
                    String text = config.getOptionalValue(written, String.class).orElse("");
                    errors.add(
                            "config key "
                                    + written
                                    + " = '"
                                    + CREDENTIALS.matcher(text).replaceFirst("//***@")
                                    + "' is not used here: "
                                    + elsewhere.get(name));
                } else {
                    errors.add(
                            "config key "
                                    + written
                                    + " names no fleet setting \""
                                    + name
                                    + "\"; did you mean "
                                    + written.substring(0, written.length() - name.length())
                                    + UnknownConfigKeys.nearest(name, names)
                                    + "? allowed: "
                                    + String.join(", ", names));
                }
            }
        }
    }

    /** Checks that every breaker {@code breakers} names is a breaker of the deployment. */
    void checkBreakers(Collection<String> deployed, DefinitionErrors errors) {
        Set<String> known = new TreeSet<>(deployed);
        for (String name : breakers) {
            if (!known.contains(name)) {
                errors.add(
                        "config key "
                                + breakersKey
                                + " names '"
                                + name
                                + "', which is no circuit breaker of the"
                                + " deployment; allowed: the names of its breakers (a @BreakerName, or <bean class>#<method>)"
                                + (known.isEmpty()
                                        ? ", and it has none"
                                        : ": " + String.join(", ", known)));
            }
        }
    }

    /**
     * Checks that every rate limit {@code rate-limits} names is one of the deployment, and one a fleet can share.
     *
     * @param deployed the deployment's rate limits by name ({@code <bean class>#<method>}), with their methods
     */
    void checkRateLimits(Map<String, MethodDefinition> deployed, DefinitionErrors errors) {
        for (String name : rateLimits) {
            MethodDefinition definition = deployed.get(name);
            if (definition == null) {
                errors.add(
                        "config key "
                                + rateLimitsKey
                                + " names '"
                                + name
                                + "', which is no rate limit of the"
                                + " deployment; allowed: the rate-limited methods, as <bean class>#<method> (with the parameter"
                                + " types when the class has several of that name)"
                                + (deployed.isEmpty()
                                        ? ", and it has none"
                                        : ": "
                                                + String.join(
                                                        ", ", new TreeSet<>(deployed.keySet()))));
                continue;
            }
            RateLimitPolicy policy = definition.rateLimit();
            for (Violation violation :
                    RateLimitPolicy.fleetViolations(policy.windowNanos(), policy.type())) {
                errors.add(
                        "config key "
                                + rateLimitsKey
                                + " = '"
                                + String.join(",", rateLimits)
                                + "' puts the rate limit '"
                                + name
                                + "' of "
                                + definition.guarded().describe()
                                + " in fleet mode, which refuses its @RateLimit "
                                + violation.parameter()
                                + " = "
                                + (violation.parameter().equals("type")
                                        ? policy.type()
                                        : Duration.ofNanos(policy.windowNanos()))
                                + " (from the annotation or its config key); allowed: "
                                + violation.allowed()
                                + ", or leave the method out of "
                                + rateLimitsKey);
            }
        }
    }

    /**
     * Checks what only the started platform can tell about reaching Redis ({@link FleetConnector#clientProblems}),
     * when fleet mode is on.
     *
     * @param errors collects each problem
     */
    void checkClient(DefinitionErrors errors) {
        if (enabled()) {
            connector.clientProblems(this).forEach(errors::add);
        }
    }

    /** @return whether some breaker or rate limit is in fleet mode */
    boolean enabled() {
        return !breakers.isEmpty() || !rateLimits.isEmpty();
    }

    /** @return the names of the rate limits in fleet mode, as configured ({@code <bean class>#<method>}) */
    List<String> rateLimits() {
        return rateLimits;
    }

    /** @return the names of the breakers in fleet mode, as configured */
    List<String> breakers() {
        return breakers;
    }

    /** @return the application's name, which names its keys; valid when fleet mode is on without errors */
    public String application() {
        return application;
    }

    /**
     * Starts the container's member on the connector's backend, with this replica's settings.
     *
     * @return a running member (its thread {@code breakwater-fleet-*}); nothing has connected yet
     */
    FleetMember start() {
        FleetMemberBuilder member = FleetMember.builder(connector.backend(this));
        if (instance != null) {
            member.instance(instance);
        }
        if (quorum != null) {
            member.quorum(quorum);
        }
        if (flushInterval != null) {
            member.flushInterval(flushInterval);
        }
        if (fallbackAfterFailures != null) {
            member.fallbackAfterFailures(fallbackAfterFailures);
        }
        if (window != null) {
            member.window(window);
        }
        if (probeLease != null) {
            member.probeLease(probeLease);
        }
        if (maxHold != null) {
            member.maxHold(maxHold);
        }
        return member.start();
    }

    /**
     * @return how long the backend waits for Redis's answer to a command before the exchange fails, as configured
     *     ({@code command-timeout}), 250 ms by default; valid when the settings had no error
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * @return how long the backend may take to connect (with AUTH and TLS) before the first exchange fails, as
     *     configured ({@code connect-timeout}), 1 s by default; valid when the settings had no error
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * @return {@code config key <key> = '<names>' puts breakers} (or {@code rate limits}): what switched fleet mode on,
     *     for messages
     */
    public String enabledBy() {
        return "config key "
                + switchKey
                + " = '"
                + String.join(",", switchedNames())
                + "' puts "
                + switched;
    }

    /**
     * @param name a setting's name, such as {@code redis-uri}
     * @return the key that set it, as written; the Weld form when neither is set
     */
    public String key(String name) {
        for (String prefix : PREFIXES) {
            if (config.getOptionalValue(prefix + name, String.class).isPresent()) {
                return prefix + name;
            }
        }
        return PREFIXES.get(1) + name;
    }

    /**
     * @param name a setting's name, such as {@code redis-uri}
     * @return its value, trimmed, from the first prefix that sets it; empty when unset or blank
     */
    public Optional<String> value(String name) {
        for (String prefix : PREFIXES) {
            Optional<String> text =
                    config.getOptionalValue(prefix + name, String.class)
                            .map(String::trim)
                            .filter(trimmed -> !trimmed.isEmpty());
            if (text.isPresent()) {
                return text;
            }
        }
        return Optional.empty();
    }

    private static List<String> list(String text) {
        List<String> names = new ArrayList<>();
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return List.copyOf(names);
    }

    private Integer quorum(String text, DefinitionErrors errors) {
        return wholeNumber(
                QUORUM,
                text,
                "a whole number, 1 or more: the replicas that must have reported failures"
                        + " for the fleet to open a breaker (default 2)",
                errors);
    }

    /** @return the number, 1 or more, or {@code null} after reporting that it is not */
    private Integer wholeNumber(String name, String text, String allowed, DefinitionErrors errors) {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with what is allowed
        }
        errors.add(invalid(name, text, allowed));
        return null;
    }

    private Duration timeout(String name, String text, String what, DefinitionErrors errors) {
        return duration(
                name,
                text,
                SHORTEST_TIMEOUT,
                LONGEST_TIMEOUT,
                "from 1 ms to 10 s: " + what,
                errors);
    }

    private Duration lease(String name, String text, String what, DefinitionErrors errors) {
        return duration(
                name,
                text,
                SHORTEST_LEASE,
                LONGEST_LEASE,
                ChronoUnit.MILLIS,
                LEASE_RANGE + what,
                errors);
    }

    private Duration duration(
            String name,
            String text,
            Duration shortest,
            Duration longest,
            String range,
            DefinitionErrors errors) {
        return duration(name, text, shortest, longest, ChronoUnit.NANOS, range, errors);
    }

    /**
     * @param whole the unit the duration must be a whole number of: never rounded to it
     * @return the duration, within the bounds, or {@code null} after reporting that it is not
     */
    private Duration duration(
            String name,
            String text,
            Duration shortest,
            Duration longest,
            ChronoUnit whole,
            String range,
            DefinitionErrors errors) {
        Duration read = null;
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                String unit = matcher.group(2) == null ? "s" : matcher.group(2);
                read =
                        switch (unit) {
                            case "ms" -> Duration.ofMillis(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            case "h" -> Duration.ofHours(amount);
                            default -> Duration.ofSeconds(amount);
                        };
            } else {
                read = Duration.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException unreadable) {
            // reported below, with what is allowed
        }
        if (read == null
                || read.compareTo(shortest) < 0
                || read.compareTo(longest) > 0
                || !read.truncatedTo(whole).equals(read)) {
            errors.add(invalid(name, text, DURATION_ALLOWED + ", " + range));
            return null;
        }
        return read;
    }

    /** @return what the key that switched fleet mode on names */
    private List<String> switchedNames() {
        return breakers.isEmpty() ? rateLimits : breakers;
    }

    /**
     * @param name the setting
     * @param text its value as configured
     * @param allowed what it may be
     * @return the message for an invalid value, naming the key as written
     */
    public String invalid(String name, String text, String allowed) {
        String key = key(name);
        return key + " = '" + text + "' (config key " + key + ") is invalid; allowed: " + allowed;
    }

    /**
     * @param name a setting fleet mode needs
     * @param allowed what it may be
     * @return the message for a setting missing while breakers are in fleet mode
     */
    public String missing(String name, String allowed) {
        return "config key "
                + switchKey
                + " puts "
                + switched
                + " in fleet mode but "
                + key(name)
                + " is not set;"
                + " allowed: "
                + allowed;
    }
}
