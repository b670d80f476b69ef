package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ApplyGuard} and the deprecated {@code @ApplyFaultTolerance} are not supported yet: the build fails naming
 * each use, instead of leaving the methods unguarded.
 */
class ApplyGuardRejectedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(Applied.class, Guards.class))
            .assertException(failure -> {
                Throwable error = failure;
                while (error != null && !(error instanceof FaultToleranceDefinitionException)) {
                    error = error.getCause();
                }
                assertThat(error).as("the build fails with a FaultToleranceDefinitionException, not: " + failure)
                        .isNotNull();
                assertThat(error.getMessage()).contains("2 fault tolerance definition errors",
                        "@ApplyGuard(\"payments\") on " + Applied.class.getName() + ".charge(): not supported by"
                                + " Breakwater yet; allowed: call the Guard or TypedGuard bean"
                                + " @Identifier(\"payments\") in the method's body",
                        "@ApplyFaultTolerance(\"legacy\") on " + Applied.class.getName() + " (the class): SmallRye's"
                                + " deprecated FaultTolerance API is not supported by Breakwater");
            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    @SuppressWarnings("removal")
    @ApplyFaultTolerance("legacy")
    public static class Applied {
        @ApplyGuard("payments")
        public String charge() {
            return "charged";
        }
    }

    public static class Guards {
        @Produces
        @Identifier("payments")
        static final Guard PAYMENTS = Guard.create().withRetry().done().build();
    }
}
