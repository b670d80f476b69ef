package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.ConfiguredBeans.ClassBreaker;
import dev.breakwater.cdi.ConfiguredBeans.ClassBulkhead;
import dev.breakwater.cdi.ConfiguredBeans.ClassRetry;
import dev.breakwater.cdi.ConfiguredBeans.ClassTimeout;
import dev.breakwater.cdi.ConfiguredBeans.FallbackMethodOnly;
import dev.breakwater.cdi.ConfiguredBeans.HandledOnly;
import dev.breakwater.cdi.ConfiguredBeans.MethodLevel;
import dev.breakwater.cdi.ConfiguredBeans.SecondHandler;
import dev.breakwater.core.BulkheadPolicy;
import dev.breakwater.core.CircuitBreakerPolicy;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.RetryPolicy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key grammar the incumbent reads, on Weld: the spec's {@code <class>/<method>/<Annotation>/<member>},
 * {@code <class>/<Annotation>/<member>}, {@code <Annotation>/<member>}, and the kebab-case
 * {@code quarkus.fault-tolerance."<class>/<method>".<annotation>.<member>}, {@code "<class>"}, {@code global} forms
 * and the same under {@code smallrye.faulttolerance.}; their precedence; the switches; units as Quarkus users write
 * them; and typos under the two prefixes, which fail the deployment with the nearest valid spelling. Observed in
 * the definitions the extension resolved.
 */
class ConfigKeyFormsTest {

    private static final String ML = MethodLevel.class.getName();
    private static final ExceptionPredicate IO_BUT_NOT_FILE_NOT_FOUND =
            ExceptionPredicate.of(List.of(IOException.class), List.of(FileNotFoundException.class));

    enum Grammar {
        SPEC,
        QUARKUS,
        SMALLRYE
    }

    /** A member with its two spellings and a value to set, written as users of each grammar write it. */
    record Member(
            String annotation,
            String kebabAnnotation,
            String member,
            String kebabMember,
            String value) {
        String key(Grammar grammar, String id) {
            return switch (grammar) {
                case SPEC -> (id == null ? "" : id + "/") + annotation + "/" + member;
                case QUARKUS ->
                        "quarkus.fault-tolerance."
                                + (id == null ? "global" : "\"" + id + "\"")
                                + "."
                                + kebabAnnotation
                                + "."
                                + kebabMember;
                case SMALLRYE ->
                        "smallrye.faulttolerance."
                                + (id == null ? "global" : "\"" + id + "\"")
                                + "."
                                + kebabAnnotation
                                + "."
                                + kebabMember;
            };
        }

        String written(Grammar grammar) {
            // Units as each community writes them: MILLIS in the spec's keys, millis in the
            // kebab-case ones.
            return grammar != Grammar.SPEC && value.matches("[A-Z_]+")
                    ? value.toLowerCase(Locale.ROOT)
                    : value;
        }
    }

    static final List<Member> TIMEOUT =
            List.of(
                    new Member("Timeout", "timeout", "value", "value", "7"),
                    new Member("Timeout", "timeout", "unit", "unit", "SECONDS"));
    static final List<Member> RETRY =
            List.of(
                    new Member("Retry", "retry", "maxRetries", "max-retries", "7"),
                    new Member("Retry", "retry", "delay", "delay", "2"),
                    new Member("Retry", "retry", "delayUnit", "delay-unit", "SECONDS"),
                    new Member("Retry", "retry", "maxDuration", "max-duration", "9"),
                    new Member("Retry", "retry", "durationUnit", "max-duration-unit", "MINUTES"),
                    new Member("Retry", "retry", "jitter", "jitter", "3"),
                    new Member("Retry", "retry", "jitterDelayUnit", "jitter-unit", "MILLIS"),
                    new Member("Retry", "retry", "retryOn", "retry-on", "java.io.IOException"),
                    new Member(
                            "Retry",
                            "retry",
                            "abortOn",
                            "abort-on",
                            "java.io.FileNotFoundException"));
    static final List<Member> CIRCUIT_BREAKER =
            List.of(
                    new Member("CircuitBreaker", "circuit-breaker", "delay", "delay", "3"),
                    new Member(
                            "CircuitBreaker",
                            "circuit-breaker",
                            "delayUnit",
                            "delay-unit",
                            "SECONDS"),
                    new Member(
                            "CircuitBreaker",
                            "circuit-breaker",
                            "requestVolumeThreshold",
                            "request-volume-threshold",
                            "7"),
                    new Member(
                            "CircuitBreaker",
                            "circuit-breaker",
                            "failureRatio",
                            "failure-ratio",
                            "0.25"),
                    new Member(
                            "CircuitBreaker",
                            "circuit-breaker",
                            "successThreshold",
                            "success-threshold",
                            "2"),
                    new Member(
                            "CircuitBreaker",
                            "circuit-breaker",
                            "failOn",
                            "fail-on",
                            "java.io.IOException"),
                    new Member(
                            "CircuitBreaker",
                            "circuit-breaker",
                            "skipOn",
                            "skip-on",
                            "java.io.FileNotFoundException"));
    static final List<Member> BULKHEAD =
            List.of(
                    new Member("Bulkhead", "bulkhead", "value", "value", "7"),
                    new Member(
                            "Bulkhead", "bulkhead", "waitingTaskQueue", "waiting-task-queue", "3"));
    static final Member FALLBACK_VALUE =
            new Member("Fallback", "fallback", "value", "value", SecondHandler.class.getName());
    static final Member FALLBACK_METHOD =
            new Member("Fallback", "fallback", "fallbackMethod", "fallback-method", "other");
    static final List<Member> FALLBACK_LISTS =
            List.of(
                    new Member(
                            "Fallback", "fallback", "applyOn", "apply-on", "java.io.IOException"),
                    new Member(
                            "Fallback",
                            "fallback",
                            "skipOn",
                            "skip-on",
                            "java.io.FileNotFoundException"));

    private static void set(
            Map<String, String> config, Grammar grammar, String id, List<Member> members) {
        for (Member member : members) {
            config.put(member.key(grammar, id), member.written(grammar));
        }
    }

    private static void assertEveryMemberConfigured(
            WeldContainer container,
            Class<?> timeout,
            String timeoutMethod,
            Class<?> retry,
            String retryMethod,
            Class<?> breaker,
            String breakerMethod,
            Class<?> bulkhead,
            String bulkheadMethod) {
        assertThat(
                        ConfiguredBeans.definition(container, timeout, timeoutMethod)
                                .timeout()
                                .timeoutNanos())
                .isEqualTo(Duration.ofSeconds(7).toNanos());
        assertThat(ConfiguredBeans.definition(container, retry, retryMethod).retry())
                .isEqualTo(
                        new RetryPolicy(
                                7,
                                Duration.ofSeconds(2).toNanos(),
                                Duration.ofMinutes(9).toNanos(),
                                Duration.ofMillis(3).toNanos(),
                                IO_BUT_NOT_FILE_NOT_FOUND));
        assertThat(ConfiguredBeans.definition(container, breaker, breakerMethod).circuitBreaker())
                .isEqualTo(
                        new CircuitBreakerPolicy(
                                Duration.ofSeconds(3).toNanos(),
                                7,
                                0.25,
                                2,
                                IO_BUT_NOT_FILE_NOT_FOUND));
        assertThat(ConfiguredBeans.definition(container, bulkhead, bulkheadMethod).bulkhead())
                .isEqualTo(new BulkheadPolicy(7, 3));
    }

    @Nested
    class EveryMemberInEveryGrammar {

        @ParameterizedTest
        @EnumSource(Grammar.class)
        void atTheMethod(Grammar grammar) throws NoSuchMethodException {
            Map<String, String> config = new HashMap<>();
            set(config, grammar, ML + "/timeout", TIMEOUT);
            set(config, grammar, ML + "/retry", RETRY);
            set(config, grammar, ML + "/breaker", CIRCUIT_BREAKER);
            set(config, grammar, ML + "/bulkhead", BULKHEAD);
            set(config, grammar, ML + "/fallback", List.of(FALLBACK_METHOD));
            set(config, grammar, ML + "/fallback", FALLBACK_LISTS);
            set(config, grammar, ML + "/handled", List.of(FALLBACK_VALUE));
            set(config, grammar, ML + "/handled", FALLBACK_LISTS);
            try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
                assertEveryMemberConfigured(
                        container,
                        MethodLevel.class,
                        "timeout",
                        MethodLevel.class,
                        "retry",
                        MethodLevel.class,
                        "breaker",
                        MethodLevel.class,
                        "bulkhead");
                MethodDefinition fallback =
                        ConfiguredBeans.definition(container, MethodLevel.class, "fallback");
                assertThat(fallback.fallback())
                        .isEqualTo(
                                new FallbackTarget.BeanMethod(
                                        MethodLevel.class.getMethod("other")));
                assertThat(fallback.fallbackApplyOn()).isEqualTo(IO_BUT_NOT_FILE_NOT_FOUND);
                MethodDefinition handled =
                        ConfiguredBeans.definition(container, MethodLevel.class, "handled");
                assertThat(handled.fallback())
                        .isEqualTo(new FallbackTarget.Handler(SecondHandler.class));
                assertThat(handled.fallbackApplyOn()).isEqualTo(IO_BUT_NOT_FILE_NOT_FOUND);
            }
        }

        @ParameterizedTest
        @EnumSource(Grammar.class)
        void atTheClass(Grammar grammar) {
            Map<String, String> config = new HashMap<>();
            set(config, grammar, ClassTimeout.class.getName(), TIMEOUT);
            set(config, grammar, ClassRetry.class.getName(), RETRY);
            set(config, grammar, ClassBreaker.class.getName(), CIRCUIT_BREAKER);
            set(config, grammar, ClassBulkhead.class.getName(), BULKHEAD);
            try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
                assertEveryMemberConfigured(
                        container,
                        ClassTimeout.class,
                        "call",
                        ClassRetry.class,
                        "call",
                        ClassBreaker.class,
                        "call",
                        ClassBulkhead.class,
                        "call");
            }
        }

        @ParameterizedTest
        @EnumSource(Grammar.class)
        void globally(Grammar grammar) {
            Map<String, String> config = new HashMap<>();
            set(config, grammar, null, TIMEOUT);
            set(config, grammar, null, RETRY);
            set(config, grammar, null, CIRCUIT_BREAKER);
            set(config, grammar, null, BULKHEAD);
            set(config, grammar, null, FALLBACK_LISTS);
            try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
                assertEveryMemberConfigured(
                        container,
                        MethodLevel.class,
                        "timeout",
                        MethodLevel.class,
                        "retry",
                        MethodLevel.class,
                        "breaker",
                        MethodLevel.class,
                        "bulkhead");
                assertEveryMemberConfigured(
                        container,
                        ClassTimeout.class,
                        "call",
                        ClassRetry.class,
                        "call",
                        ClassBreaker.class,
                        "call",
                        ClassBulkhead.class,
                        "call");
                assertThat(
                                ConfiguredBeans.definition(container, MethodLevel.class, "fallback")
                                        .fallbackApplyOn())
                        .isEqualTo(IO_BUT_NOT_FILE_NOT_FOUND);
            }
        }

        @ParameterizedTest
        @EnumSource(Grammar.class)
        void fallbackHandlerAndMethodGlobally(Grammar grammar) throws NoSuchMethodException {
            Map<String, String> handler = new HashMap<>();
            set(handler, grammar, null, List.of(FALLBACK_VALUE));
            try (WeldContainer container =
                    Deployments.start(handler, ConfiguredBeans.HANDLED_ONLY)) {
                assertThat(
                                ConfiguredBeans.definition(container, HandledOnly.class, "handled")
                                        .fallback())
                        .isEqualTo(new FallbackTarget.Handler(SecondHandler.class));
            }
            Map<String, String> method = new HashMap<>();
            set(method, grammar, null, List.of(FALLBACK_METHOD));
            try (WeldContainer container =
                    Deployments.start(method, ConfiguredBeans.FALLBACK_METHOD_ONLY)) {
                assertThat(
                                ConfiguredBeans.definition(
                                                container, FallbackMethodOnly.class, "call")
                                        .fallback())
                        .isEqualTo(
                                new FallbackTarget.BeanMethod(
                                        FallbackMethodOnly.class.getMethod("other")));
            }
        }
    }

    @Nested
    class Precedence {

        /** Most specific first, as the incumbent reads them: at the annotation's place, then globally. */
        static List<String> methodKeys() {
            String id = "\"" + ML + "/retry\"";
            return List.of(
                    "quarkus.fault-tolerance." + id + ".retry.max-retries",
                    "smallrye.faulttolerance." + id + ".retry.max-retries",
                    ML + "/retry/Retry/maxRetries",
                    "quarkus.fault-tolerance.global.retry.max-retries",
                    "smallrye.faulttolerance.global.retry.max-retries",
                    "Retry/maxRetries");
        }

        static List<String> classKeys() {
            String id = "\"" + ClassRetry.class.getName() + "\"";
            return List.of(
                    "quarkus.fault-tolerance." + id + ".retry.max-retries",
                    "smallrye.faulttolerance." + id + ".retry.max-retries",
                    ClassRetry.class.getName() + "/Retry/maxRetries",
                    "quarkus.fault-tolerance.global.retry.max-retries",
                    "smallrye.faulttolerance.global.retry.max-retries",
                    "Retry/maxRetries");
        }

        /** Row {@code n}: the keys from the n-th on are set, key i to the value 10 + i; the n-th must win. */
        static Stream<Arguments> rows() {
            return IntStream.range(0, 6)
                    .mapToObj(first -> Arguments.of(first, methodKeys().get(first)));
        }

        private static Map<String, String> from(List<String> keys, int first) {
            Map<String, String> config = new HashMap<>();
            for (int i = first; i < keys.size(); i++) {
                config.put(keys.get(i), String.valueOf(10 + i));
            }
            return config;
        }

        @ParameterizedTest(name = "{1} wins over the keys after it")
        @MethodSource("rows")
        void forAMethodLevelAnnotation(int first, String key) {
            try (WeldContainer container =
                    Deployments.start(from(methodKeys(), first), ConfiguredBeans.ALL)) {
                assertThat(
                                ConfiguredBeans.definition(container, MethodLevel.class, "retry")
                                        .retry()
                                        .maxRetries())
                        .isEqualTo(10 + first);
            }
        }

        @ParameterizedTest(name = "row {0} wins over the keys after it")
        @MethodSource("rows")
        void forAClassLevelAnnotation(int first) {
            try (WeldContainer container =
                    Deployments.start(from(classKeys(), first), ConfiguredBeans.ALL)) {
                assertThat(
                                ConfiguredBeans.definition(container, ClassRetry.class, "call")
                                        .retry()
                                        .maxRetries())
                        .isEqualTo(10 + first);
            }
        }
    }

    @Nested
    class Switches {

        @ParameterizedTest
        @CsvSource({
            "Timeout, timeout, timeout", "Retry, retry, retry",
                    "CircuitBreaker, circuit-breaker, breaker",
            "Bulkhead, bulkhead, bulkhead", "Fallback, fallback, fallback",
                    "Asynchronous, asynchronous, async"
        })
        void eachAnnotationIsSwitchedOffInEveryGrammarAtEveryScope(
                String annotation, String kebab, String method) {
            for (String key :
                    List.of(
                            ML + "/" + method + "/" + annotation + "/enabled",
                            ML + "/" + annotation + "/enabled",
                            annotation + "/enabled",
                            "quarkus.fault-tolerance.\""
                                    + ML
                                    + "/"
                                    + method
                                    + "\"."
                                    + kebab
                                    + ".enabled",
                            "quarkus.fault-tolerance.\"" + ML + "\"." + kebab + ".enabled",
                            "quarkus.fault-tolerance.global." + kebab + ".enabled",
                            "smallrye.faulttolerance.\""
                                    + ML
                                    + "/"
                                    + method
                                    + "\"."
                                    + kebab
                                    + ".enabled",
                            "smallrye.faulttolerance.\"" + ML + "\"." + kebab + ".enabled",
                            "smallrye.faulttolerance.global." + kebab + ".enabled")) {
                try (WeldContainer container =
                        Deployments.start(
                                Map.of(key, "false"),
                                MethodLevel.class,
                                ConfiguredBeans.FirstHandler.class)) {
                    assertThat(container.select(FaultToleranceExtension.class).get().definitions())
                            .as(key)
                            .noneMatch(
                                    definition ->
                                            definition.guarded().method().getName().equals(method));
                }
            }
        }

        @ParameterizedTest
        @CsvSource({
            "quarkus.fault-tolerance.enabled",
            "smallrye.faulttolerance.enabled",
            "MP_Fault_Tolerance_NonFallback_Enabled"
        })
        void theNonFallbackSwitchKeepsOnlyFallbacks(String key) {
            try (WeldContainer container =
                    Deployments.start(Map.of(key, "false"), ConfiguredBeans.ALL)) {
                List<MethodDefinition> definitions =
                        container.select(FaultToleranceExtension.class).get().definitions();
                assertThat(definitions)
                        .extracting(definition -> definition.guarded().method().getName())
                        .containsExactlyInAnyOrder("fallback", "handled");
            }
        }

        @Test
        void theQuarkusSwitchWinsOverTheSmallRyeOneWhichWinsOverTheSpecs() {
            assertThat(
                            nonFallbackEnabled(
                                    Map.of(
                                            "quarkus.fault-tolerance.enabled",
                                            "true",
                                            "smallrye.faulttolerance.enabled",
                                            "false",
                                            "MP_Fault_Tolerance_NonFallback_Enabled",
                                            "false")))
                    .isTrue();
            assertThat(
                            nonFallbackEnabled(
                                    Map.of(
                                            "smallrye.faulttolerance.enabled",
                                            "true",
                                            "MP_Fault_Tolerance_NonFallback_Enabled",
                                            "false")))
                    .isTrue();
        }

        @Test
        void anAnnotationSwitchWinsOverTheNonFallbackSwitch() {
            try (WeldContainer container =
                    Deployments.start(
                            Map.of(
                                    "quarkus.fault-tolerance.enabled",
                                    "false",
                                    "quarkus.fault-tolerance.global.retry.enabled",
                                    "true"),
                            ConfiguredBeans.ALL)) {
                assertThat(
                                ConfiguredBeans.definition(container, MethodLevel.class, "retry")
                                        .retry())
                        .isNotNull();
            }
        }

        private static boolean nonFallbackEnabled(Map<String, String> config) {
            try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
                return container.select(FaultToleranceExtension.class).get().definitions().stream()
                        .anyMatch(
                                definition ->
                                        definition.guarded().method().getName().equals("retry"));
            }
        }

        @ParameterizedTest
        @CsvSource({
            "quarkus.fault-tolerance.metrics.enabled, smallrye.faulttolerance.metrics.enabled",
            "smallrye.faulttolerance.metrics.enabled, MP_Fault_Tolerance_Metrics_Enabled"
        })
        void theMetricsSwitchInOrder(String winning, String losing) {
            assertThat(switches(Map.of(winning, "false", losing, "true")).metricsEnabled())
                    .isFalse();
            assertThat(switches(Map.of(winning, "true", losing, "false")).metricsEnabled())
                    .isTrue();
            assertThat(switches(Map.of(losing, "false")).metricsEnabled()).isFalse();
            assertThat(switches(Map.of()).metricsEnabled()).isTrue();
        }

        @Test
        void mpCompatibilityIsReadFromEitherPrefixQuarkusFirst() {
            assertThat(switches(Map.of(), true).mpCompatibility()).isTrue();
            assertThat(switches(Map.of(), false).mpCompatibility()).isFalse();
            assertThat(
                            switches(
                                            Map.of(
                                                    "smallrye.faulttolerance.mp-compatibility",
                                                    "true"),
                                            false)
                                    .mpCompatibility())
                    .isTrue();
            assertThat(
                            switches(
                                            Map.of(
                                                    "quarkus.fault-tolerance.mp-compatibility",
                                                    "false",
                                                    "smallrye.faulttolerance.mp-compatibility",
                                                    "true"),
                                            true)
                                    .mpCompatibility())
                    .isFalse();
        }

        @Test
        void anUnreadableMpCompatibilityFailsTheDeploymentOnWeldToo() {
            assertThat(
                            Deployments.definitionError(
                                            Map.of(
                                                    "smallrye.faulttolerance.mp-compatibility",
                                                    "maybe"),
                                            ConfiguredBeans.ALL)
                                    .getMessage())
                    .isEqualTo(
                            "smallrye.faulttolerance.mp-compatibility = 'maybe'"
                                    + " (config key smallrye.faulttolerance.mp-compatibility) cannot be read; allowed: true or false"
                                    + " (also yes/no, y/n, on/off, 1/0)");
        }

        @Test
        void anUnreadableSwitchNamesItsKey() {
            DefinitionErrors errors = new DefinitionErrors();
            new FaultToleranceConfig(
                    config(Map.of("quarkus.fault-tolerance.enabled", "of")), errors, true);
            assertThat(errors.toException().getMessage())
                    .isEqualTo(
                            "quarkus.fault-tolerance.enabled = 'of' (config"
                                    + " key quarkus.fault-tolerance.enabled) cannot be read; allowed: true or false (also yes/no, y/n,"
                                    + " on/off, 1/0)");
        }

        private static FaultToleranceConfig switches(Map<String, String> values) {
            return switches(values, true);
        }

        private static FaultToleranceConfig switches(
                Map<String, String> values, boolean mpCompatibleByDefault) {
            DefinitionErrors errors = new DefinitionErrors();
            FaultToleranceConfig config =
                    new FaultToleranceConfig(config(values), errors, mpCompatibleByDefault);
            assertThat(errors.isEmpty()).isTrue();
            return config;
        }

        private static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
            return new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(values, "test", 500))
                    .build();
        }
    }

    @Nested
    class Units {

        @ParameterizedTest(name = "{0}")
        @CsvSource({
            "MILLIS, PT0.001S",
            "millis, PT0.001S",
            "Millis, PT0.001S",
            "' seconds ', PT1S",
            "half-days, PT12H",
            "HALF_DAYS, PT12H",
            "halfDays, PT12H",
            "half_days, PT12H"
        })
        void areReadAsSmallRyeConfigReadsEnums(String written, Duration expected) {
            try (WeldContainer container =
                    Deployments.start(
                            Map.of(
                                    "quarkus.fault-tolerance.\"" + ML + "/timeout\".timeout.value",
                                    "1",
                                    "quarkus.fault-tolerance.\"" + ML + "/timeout\".timeout.unit",
                                    written),
                            ConfiguredBeans.ALL)) {
                assertThat(
                                ConfiguredBeans.definition(container, MethodLevel.class, "timeout")
                                        .timeout()
                                        .timeoutNanos())
                        .isEqualTo(expected.toNanos());
            }
        }
    }

    @Nested
    class BadValues {

        @Test
        void anUnreadableValueNamesTheKeyAsWritten() {
            String key = "quarkus.fault-tolerance.\"" + ML + "/retry\".retry.max-retries";
            assertThat(
                            Deployments.definitionError(Map.of(key, "x"), ConfiguredBeans.ALL)
                                    .getMessage())
                    .isEqualTo(
                            "@Retry on "
                                    + ML
                                    + ".retry(): maxRetries = 'x' (config key "
                                    + key
                                    + ") cannot be"
                                    + " read; allowed: a whole number from -2147483648 to 2147483647 (For input string: \"x\")");
        }

        @Test
        void anOutOfRangeValueNamesTheKeyAsWritten() {
            String key =
                    "smallrye.faulttolerance.\""
                            + ClassBulkhead.class.getName()
                            + "\".bulkhead.value";
            assertThat(
                            Deployments.definitionError(Map.of(key, "0"), ConfiguredBeans.ALL)
                                    .getMessage())
                    .isEqualTo(
                            "@Bulkhead (on class "
                                    + ClassBulkhead.class.getName()
                                    + ") on "
                                    + ClassBulkhead.class.getName()
                                    + ".call(): value = 0 (config key "
                                    + key
                                    + ") is invalid; allowed: 1 or more");
        }

        @Test
        void anUnknownUnitSaysWhatIsAllowed() {
            String key = "quarkus.fault-tolerance.global.timeout.unit";
            assertThat(
                            Deployments.definitionError(
                                            Map.of(key, "ms"),
                                            MethodLevel.class,
                                            ConfiguredBeans.FirstHandler.class)
                                    .getMessage())
                    .isEqualTo(
                            "@Timeout on "
                                    + ML
                                    + ".timeout(): unit = 'ms' (config key "
                                    + key
                                    + ") cannot be"
                                    + " read; allowed: a java.time.temporal.ChronoUnit name such as MILLIS or SECONDS, in any"
                                    + " case (no ChronoUnit is named ms)");
        }
    }

    @Nested
    class Typos {

        private static String error(String key) {
            return Deployments.definitionError(Map.of(key, "5"), ConfiguredBeans.ALL).getMessage();
        }

        @Test
        void anUnknownMember() {
            String key = "quarkus.fault-tolerance.\"" + ML + "/retry\".retry.max-retires";
            assertThat(error(key))
                    .startsWith(
                            "config key "
                                    + key
                                    + " names no member \"max-retires\" of @Retry;"
                                    + " did you mean quarkus.fault-tolerance.\""
                                    + ML
                                    + "/retry\".retry.max-retries? allowed:"
                                    + " abort-on, delay, delay-unit, enabled, jitter, jitter-unit, max-duration, max-duration-unit,"
                                    + " max-retries, retry-on");
        }

        @Test
        void theSpecsCamelCaseUnderAPrefix() {
            assertThat(
                            error(
                                    "smallrye.faulttolerance.global.circuit-breaker.requestVolumeThreshold"))
                    .contains(
                            "did you mean smallrye.faulttolerance.global.circuit-breaker.request-volume-threshold?");
        }

        @Test
        void anUnknownAnnotation() {
            String key = "smallrye.faulttolerance.global.circuitbreaker.delay";
            assertThat(error(key))
                    .isEqualTo(
                            "config key "
                                    + key
                                    + " names no fault tolerance annotation"
                                    + " \"circuitbreaker\"; did you mean smallrye.faulttolerance.global.circuit-breaker.delay? allowed:"
                                    + " asynchronous, bulkhead, circuit-breaker, fallback, retry, timeout, rate-limit,"
                                    + " asynchronous-non-blocking, breaker-policy, exponential-backoff, fibonacci-backoff, custom-backoff, retry-when, before-retry");
        }

        @Test
        void anUnknownMethod() {
            String key = "quarkus.fault-tolerance.\"" + ML + "/retyr\".retry.max-retries";
            assertThat(error(key))
                    .startsWith(
                            "config key "
                                    + key
                                    + " names no guarded method \""
                                    + ML
                                    + "/retyr\";"
                                    + " did you mean quarkus.fault-tolerance.\""
                                    + ML
                                    + "/retry\".retry.max-retries?");
        }

        @Test
        void anUnknownClass() {
            String key =
                    "quarkus.fault-tolerance.\""
                            + ClassRetry.class.getName()
                            + "x\".retry.max-retries";
            assertThat(error(key))
                    .startsWith(
                            "config key "
                                    + key
                                    + " names no bean class or guard identifier \""
                                    + ClassRetry.class.getName()
                                    + "x\"; did you mean quarkus.fault-tolerance.\""
                                    + ClassRetry.class.getName()
                                    + "\".retry.max-retries?");
        }

        @Test
        void anUnquotedMethod() {
            String key = "quarkus.fault-tolerance." + ML + "/retry.retry.max-retries";
            assertThat(error(key))
                    .startsWith(
                            "config key "
                                    + key
                                    + " names no fault tolerance setting; did you"
                                    + " mean quarkus.fault-tolerance.\""
                                    + ML
                                    + "/retry\".retry.max-retries?");
        }

        @Test
        void aMisspelledSwitch() {
            assertThat(error("quarkus.fault-tolerance.enable"))
                    .contains("did you mean quarkus.fault-tolerance.enabled?");
            assertThat(error("quarkus.fault-tolerance.globl.retry.max-retries"))
                    .contains("did you mean quarkus.fault-tolerance.global.retry.max-retries?");
        }

        @Test
        void aClassKeyForAMethodLevelAnnotation() {
            String key = "quarkus.fault-tolerance.\"" + ML + "\".retry.max-retries";
            assertThat(error(key))
                    .startsWith(
                            "config key "
                                    + key
                                    + " configures @Retry on class "
                                    + ML
                                    + ", which"
                                    + " has no class-level @Retry; did you mean quarkus.fault-tolerance.\""
                                    + ML
                                    + "/retry\".retry.max-retries?");
        }

        @Test
        void aMethodKeyForAClassLevelAnnotation() {
            String bean = ClassRetry.class.getName();
            String key = "smallrye.faulttolerance.\"" + bean + "/call\".retry.max-retries";
            assertThat(error(key))
                    .startsWith(
                            "config key "
                                    + key
                                    + " configures @Retry on method "
                                    + bean
                                    + ".call(), which has no method-level @Retry; did you mean smallrye.faulttolerance.\""
                                    + bean
                                    + "\".retry.max-retries?");
        }

        @Test
        void anotherProfilesKeyIsCheckedAsWritten() {
            String key = "%prod.quarkus.fault-tolerance.global.retry.max-retires";
            assertThat(error(key))
                    .contains("config key " + key + " names no member")
                    .contains(
                            "did you mean %prod.quarkus.fault-tolerance.global.retry.max-retries?");
        }

        @Test
        void everyTypoOfTheDeploymentIsReported() {
            assertThat(
                            Deployments.definitionError(
                                            Map.of(
                                                    "quarkus.fault-tolerance.global.retry.max-retires",
                                                    "1",
                                                    "smallrye.faulttolerance.global.retyr.delay",
                                                    "1"),
                                            ConfiguredBeans.ALL)
                                    .getMessage())
                    .startsWith("2 fault tolerance definition errors:");
        }

        @Test
        void theValidKeysAtEveryPositionStart() {
            Map<String, String> config =
                    Map.of(
                            "quarkus.fault-tolerance.enabled",
                            "true",
                            "quarkus.fault-tolerance.metrics.enabled",
                            "true",
                            "quarkus.fault-tolerance.mp-compatibility",
                            "true",
                            "smallrye.faulttolerance.mp-compatibility",
                            "true",
                            "quarkus.fault-tolerance.\"" + ML + "\".retry.enabled",
                            "true",
                            "quarkus.fault-tolerance.\""
                                    + ClassRetry.class.getName()
                                    + "/call\".retry.enabled",
                            "true",
                            "quarkus.fault-tolerance.global.asynchronous.enabled",
                            "true");
            try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
                assertThat(ConfiguredBeans.definition(container, ClassRetry.class, "call").retry())
                        .isNotNull();
            }
        }
    }
}
