package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ApplyFaultTolerance;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.TypedGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An unknown {@code @ApplyGuard} identifier, a {@code TypedGuard} of another type than the method's, another
 * strategy beside {@code @ApplyGuard} and the deprecated {@code @ApplyFaultTolerance} fail the build, all reported
 * at once.
 */
class ApplyGuardMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Misused.class, Guards.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains(
                                                "4 fault tolerance definition errors",
                                                "@ApplyGuard(\"nowhere\") on "
                                                        + Misused.class.getName()
                                                        + ".unknown(): no bean of type Guard"
                                                        + " or TypedGuard has @Identifier(\"nowhere\")",
                                                "@ApplyGuard(\"payments\") and @Retry on "
                                                        + Misused.class.getName()
                                                        + ".retried(): SmallRye"
                                                        + " ignores @Retry where @ApplyGuard applies",
                                                "@ApplyGuard(\"catalogue\") on "
                                                        + Misused.class.getName()
                                                        + ".count(): the guard is a"
                                                        + " io.smallrye.faulttolerance.api.TypedGuard<java.lang.String> and the method returns"
                                                        + " int; allowed: a Guard, or a TypedGuard of the method's return type",
                                                "@ApplyFaultTolerance(\"legacy\") on "
                                                        + Misused.class.getName()
                                                        + ".legacy(): SmallRye's"
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

        @ApplyGuard("catalogue")
        public int count() {
            return 0;
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

        @Produces
        @Identifier("catalogue")
        static final TypedGuard<String> CATALOGUE = TypedGuard.create(String.class).build();
    }
}
