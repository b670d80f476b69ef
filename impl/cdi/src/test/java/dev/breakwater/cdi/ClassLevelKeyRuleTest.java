package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.ConfiguredBeans.ClassBreaker;
import dev.breakwater.cdi.ConfiguredBeans.ClassBulkhead;
import dev.breakwater.cdi.ConfiguredBeans.ClassRetry;
import dev.breakwater.cdi.ConfiguredBeans.ClassTimeout;
import dev.breakwater.cdi.ConfiguredBeans.MethodLevel;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec's rule for the place of a key ({@code configuration.asciidoc}, "Config Fault Tolerance parameters"):
 * a member of an annotation placed on the class is configured by {@code <class>/<Annotation>/<member>} (and the
 * global key), and {@code <class>/<method>/<Annotation>/<member>} "will be ignored"; a member of an annotation
 * placed on the method is configured by the method key, and the class key is ignored. {@code @Fallback} can only
 * be placed on a method; {@code @Asynchronous} has no member but {@code enabled}, which is not bound to the
 * annotation's place (see {@link ConfigOverrideTest}).
 */
class ClassLevelKeyRuleTest {

    /**
     * One row per annotation: its member, a value to configure, what the deployment resolved and what the
     * annotation says, on the method-level bean method and on the class-level bean.
     */
    record Row(
            String annotation,
            String member,
            String configured,
            Object configuredValue,
            String method,
            Class<?> classLevelBean,
            Object annotationValue,
            Function<MethodDefinition, Object> effective) {
        @Override
        public String toString() {
            return "@" + annotation + "." + member;
        }
    }

    static Stream<Row> classLevelAnnotations() {
        return annotations().filter(row -> row.classLevelBean() != null);
    }

    static Stream<Row> annotations() {
        return Stream.of(
                new Row(
                        "Timeout",
                        "value",
                        "7",
                        7_000_000L,
                        "timeout",
                        ClassTimeout.class,
                        100_000_000L,
                        definition -> definition.timeout().timeoutNanos()),
                new Row(
                        "Retry",
                        "maxRetries",
                        "7",
                        7,
                        "retry",
                        ClassRetry.class,
                        1,
                        definition -> definition.retry().maxRetries()),
                new Row(
                        "CircuitBreaker",
                        "requestVolumeThreshold",
                        "7",
                        7,
                        "breaker",
                        ClassBreaker.class,
                        4,
                        definition -> definition.circuitBreaker().requestVolumeThreshold()),
                new Row(
                        "Bulkhead",
                        "value",
                        "7",
                        7,
                        "bulkhead",
                        ClassBulkhead.class,
                        2,
                        definition -> definition.bulkhead().maxConcurrent()),
                new Row(
                        "Fallback",
                        "fallbackMethod",
                        "other",
                        "other",
                        "fallback",
                        null,
                        "fallback",
                        definition ->
                                ((FallbackTarget.BeanMethod) definition.fallback())
                                        .method()
                                        .getName()));
    }

    private static Object classLevelValue(Row row, Map<String, String> config) {
        try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
            return row.effective()
                    .apply(ConfiguredBeans.definition(container, row.classLevelBean(), "call"));
        }
    }

    private static Object methodLevelValue(Row row, Map<String, String> config) {
        try (WeldContainer container = Deployments.start(config, ConfiguredBeans.ALL)) {
            return row.effective()
                    .apply(ConfiguredBeans.definition(container, MethodLevel.class, row.method()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classLevelAnnotations")
    void aMethodKeyForAClassLevelAnnotationIsIgnored(Row row) {
        String key =
                row.classLevelBean().getName() + "/call/" + row.annotation() + "/" + row.member();
        assertThat(classLevelValue(row, Map.of(key, row.configured())))
                .isEqualTo(row.annotationValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classLevelAnnotations")
    void aClassKeyForAClassLevelAnnotationApplies(Row row) {
        String key = row.classLevelBean().getName() + "/" + row.annotation() + "/" + row.member();
        assertThat(classLevelValue(row, Map.of(key, row.configured())))
                .isEqualTo(row.configuredValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void aClassKeyForAMethodLevelAnnotationIsIgnored(Row row) {
        String key = MethodLevel.class.getName() + "/" + row.annotation() + "/" + row.member();
        assertThat(methodLevelValue(row, Map.of(key, row.configured())))
                .isEqualTo(row.annotationValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("annotations")
    void aMethodKeyForAMethodLevelAnnotationApplies(Row row) {
        String key =
                MethodLevel.class.getName()
                        + "/"
                        + row.method()
                        + "/"
                        + row.annotation()
                        + "/"
                        + row.member();
        assertThat(methodLevelValue(row, Map.of(key, row.configured())))
                .isEqualTo(row.configuredValue());
    }
}
