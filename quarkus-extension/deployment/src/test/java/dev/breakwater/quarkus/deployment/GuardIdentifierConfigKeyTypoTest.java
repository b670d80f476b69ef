package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.inject.Produces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A key that names a guard identifier with a misspelt member, or an identifier no guard bean has, fails the build
 * with the nearest key that would work.
 */
class GuardIdentifierConfigKeyTypoTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Guards.class))
                    .overrideConfigKey("quarkus.fault-tolerance.\"orders\".retry.max-retrys", "4")
                    .overrideConfigKey("quarkus.fault-tolerance.\"ordres\".retry.max-retries", "4")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "2 fault tolerance definition errors",
                                                    "config key quarkus.fault-tolerance.\"orders\".retry.max-retrys names no member \"max-retrys\" of"
                                                            + " @Retry; did you mean quarkus.fault-tolerance.\"orders\".retry.max-retries?",
                                                    "config key quarkus.fault-tolerance.\"ordres\".retry.max-retries names no bean class or guard"
                                                            + " identifier \"ordres\"; did you mean"
                                                            + " quarkus.fault-tolerance.\"orders\".retry.max-retries?"));

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    public static class Guards {
        @Produces
        @Identifier("orders")
        static final Guard ORDERS = Guard.create().withRetry().done().build();
    }
}
