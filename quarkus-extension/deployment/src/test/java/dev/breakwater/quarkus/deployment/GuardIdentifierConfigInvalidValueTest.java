package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.inject.Produces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invalid value configured for a guard identifier fails the start, naming identifier, member, value and key. */
class GuardIdentifierConfigInvalidValueTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Guards.class))
                    .overrideConfigKey("quarkus.fault-tolerance.\"orders\".bulkhead.value", "0")
                    .assertException(
                            failure ->
                                    assertThat(ErrorBeans.definitionError(failure))
                                            .contains(
                                                    "@Bulkhead of the guard with @Identifier(\"orders\"): value = 0 (config key"
                                                            + " quarkus.fault-tolerance.\"orders\".bulkhead.value) is invalid; allowed:"));

    @Test
    void theStartFails() {
        // assertException above checks the failure; reaching a test would mean the application
        // started.
    }

    public static class Guards {
        @Produces
        @Identifier("orders")
        static final Guard ORDERS = Guard.create().withBulkhead().done().build();
    }
}
