package dev.breakwater.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * Each metrics backend is an optional jar, so its API may be referenced only by the classes written for it, which
 * are loaded after {@code MetricBackends} found the API on the class path. Everything else, the extension and
 * {@code MetricBackends} included, must load and run with none of the three jars present.
 */
@AnalyzeClasses(packages = "dev.breakwater", importOptions = ImportOption.DoNotIncludeTests.class)
class OptionalBackendsTest {

    @ArchTest
    static final ArchRule onlyTheMicroProfileMetricsClassesSeeItsApi =
            noClasses()
                    .that(
                            areNotAmong(
                                    "dev.breakwater.metrics.MicroProfileMetricsSink",
                                    "dev.breakwater.cdi.MicroProfileMetricsBackend"))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.eclipse.microprofile.metrics..");

    @ArchTest
    static final ArchRule onlyTheOpenTelemetryClassesSeeItsApi =
            noClasses()
                    .that(
                            areNotAmong(
                                    "dev.breakwater.metrics.OpenTelemetrySink",
                                    "dev.breakwater.cdi.OpenTelemetryBackend"))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.opentelemetry..");

    @ArchTest
    static final ArchRule onlyTheMicrometerClassesSeeItsApi =
            noClasses()
                    .that(
                            areNotAmong(
                                    "dev.breakwater.metrics.MicrometerSink",
                                    "dev.breakwater.cdi.MicrometerBackend"))
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("io.micrometer..");

    /** breakwater-redis is optional too: only the class that starts a fleet member on it may name it or Lettuce. */
    @ArchTest
    static final ArchRule onlyTheRedisFleetClassSeesRedis =
            noClasses()
                    .that()
                    .resideInAnyPackage("dev.breakwater.cdi..", "dev.breakwater.metrics..")
                    .and(areNotAmong("dev.breakwater.cdi.RedisFleetMembers"))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("dev.breakwater.redis..", "io.lettuce..");

    @ArchTest
    static final ArchRule metricsDoNotKnowTheContainer =
            noClasses()
                    .that()
                    .resideInAPackage("dev.breakwater.metrics..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage("jakarta..", "dev.breakwater.cdi..");

    /** A class and its nested classes (lambdas and records inside it included) count as the class. */
    private static DescribedPredicate<JavaClass> areNotAmong(String... topLevelNames) {
        Set<String> names = Set.of(topLevelNames);
        return DescribedPredicate.describe(
                "are not among " + names,
                type -> {
                    String name = type.getName();
                    int nested = name.indexOf('$');
                    return !names.contains(nested < 0 ? name : name.substring(0, nested));
                });
    }
}
