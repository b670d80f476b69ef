package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An unknown {@code @ApplyGuard} identifier, another strategy beside {@code @ApplyGuard} and the deprecated
 * {@code @ApplyFaultTolerance} fail the build, all reported at once.
 */
class ApplyGuardMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(Misused.class, Guards.class))
            .assertException(failure -> {
                Throwable error = failure;
                while (error != null && !(error instanceof FaultToleranceDefinitionException)) {
                    error = error.getCause();
                }
                assertThat(error).as("the build fails with a FaultToleranceDefinitionException, not: " + failure)
                        .isNotNull();
                assertThat(error.getMessage()).contains("3 fault tolerance definition errors",
                        "@ApplyGuard(\"nowhere\") on " + Misused.class.getName() + ".unknown(): no bean of type Guard"
                                + " or TypedGuard has @Identifier(\"nowhere\")",
                        "@ApplyGuard(\"payments\") and @Retry on " + Misused.class.getName() + ".retried(): SmallRye"
                                + " ignores @Retry where @ApplyGuard applies",
                        "@ApplyFaultTolerance(\"legacy\") on " + Misused.class.getName() + ".legacy(): SmallRye's"
                                + " deprecated FaultTolerance API is not supported by Breakwater");
            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    public static class Misused {
        @ApplyGuard("nowhere")
        public String unknown() {
            return "never";
        }

        @ApplyGuard("payments")
        @Retry
        public String retried() {
            return "never";
        }

        @SuppressWarnings("removal")
        @ApplyFaultTolerance("legacy")
        public String legacy() {
            return "never";
        }
    }

    public static class Guards {
        @Produces
        @Identifier("payments")
        static final Guard PAYMENTS = Guard.create().withRetry().done().build();
    }
}
