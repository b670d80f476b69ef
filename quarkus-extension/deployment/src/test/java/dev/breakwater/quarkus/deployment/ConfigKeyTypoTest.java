package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key under {@code quarkus.fault-tolerance.} or {@code smallrye.faulttolerance.} that configures nothing fails
 * the build, naming the key and the nearest key that would work, where the incumbent ignores it.
 */
class ConfigKeyTypoTest {

    private static final String SERVICE = Service.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(Service.class, OnClass.class)
                                            .addAsResource(
                                                    new StringAsset(
                                                            String.join(
                                                                    "\n",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + SERVICE
                                                                            + "/call\".retry.max-retires=5",
                                                                    "smallrye.faulttolerance.global.circuitbreaker.delay=5",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + SERVICE
                                                                            + "/cal\".retry.max-retries=5",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + SERVICE
                                                                            + "\".retry.max-retries=5",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + OnClass.class
                                                                                    .getName()
                                                                            + "/call\".retry.delay=5",
                                                                    "%prod.quarkus.fault-tolerance.enabeld=false")),
                                                    "application.properties"))
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .startsWith("6 fault tolerance definition errors:")
                                            .contains(
                                                    "config key quarkus.fault-tolerance.\""
                                                            + SERVICE
                                                            + "/call\".retry.max-retires names no"
                                                            + " member \"max-retires\" of @Retry; did you mean quarkus.fault-tolerance.\""
                                                            + SERVICE
                                                            + "/call\".retry.max-retries?")
                                            .contains(
                                                    "config key smallrye.faulttolerance.global.circuitbreaker.delay names no fault tolerance"
                                                            + " annotation \"circuitbreaker\"; did you mean"
                                                            + " smallrye.faulttolerance.global.circuit-breaker.delay?")
                                            .contains(
                                                    "config key quarkus.fault-tolerance.\""
                                                            + SERVICE
                                                            + "/cal\".retry.max-retries names no"
                                                            + " guarded method \""
                                                            + SERVICE
                                                            + "/cal\"; did you mean quarkus.fault-tolerance.\""
                                                            + SERVICE
                                                            + "/call\".retry.max-retries?")
                                            .contains(
                                                    "config key quarkus.fault-tolerance.\""
                                                            + SERVICE
                                                            + "\".retry.max-retries configures"
                                                            + " @Retry on class "
                                                            + SERVICE
                                                            + ", which has no class-level @Retry; did you mean"
                                                            + " quarkus.fault-tolerance.\""
                                                            + SERVICE
                                                            + "/call\".retry.max-retries?")
                                            .contains(
                                                    "config key quarkus.fault-tolerance.\""
                                                            + OnClass.class.getName()
                                                            + "/call\".retry.delay"
                                                            + " configures @Retry on method "
                                                            + OnClass.class.getName()
                                                            + ".call(), which has no"
                                                            + " method-level @Retry; did you mean quarkus.fault-tolerance.\""
                                                            + OnClass.class.getName()
                                                            + "\".retry.delay?")
                                            .contains(
                                                    "config key %prod.quarkus.fault-tolerance.enabeld names no fault tolerance setting;"
                                                            + " did you mean %prod.quarkus.fault-tolerance.enabled?"));

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class Service {
        @Retry
        void call() {}
    }

    @ApplicationScoped
    @Retry
    static class OnClass {
        void call() {}
    }
}
