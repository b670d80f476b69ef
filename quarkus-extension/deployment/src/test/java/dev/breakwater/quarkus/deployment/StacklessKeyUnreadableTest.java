package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value of {@code quarkus.breakwater.refusals.stackless} that is neither true nor false fails the build, naming the
 * key.
 */
class StacklessKeyUnreadableTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class, HealthCheckTest.class))
                    .overrideConfigKey("quarkus.breakwater.refusals.stackless", "sure")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "quarkus.breakwater.refusals.stackless = 'sure' (config key quarkus.breakwater.refusals.stackless)"
                                                            + " cannot be read; allowed: true or false (also yes/no, y/n, on/off, 1/0)"));

    @Test
    void theBuildFailsNamingTheKey() {
        // The app's assertException checks the failure; reaching a test would mean the build
        // passed.
    }
}
