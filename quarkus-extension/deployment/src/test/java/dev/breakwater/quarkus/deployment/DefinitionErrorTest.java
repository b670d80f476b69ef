package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An invalid definition fails the build, with every error listed and the message a CDI container gives: class,
 * method, annotation, parameter, the value and where it was written, and what is allowed.
 */
class DefinitionErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Invalid.class))
                    .overrideConfigKey(Invalid.class.getName() + "/limited/Bulkhead/value", "0")
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains("2 fault tolerance definition errors")
                                        .contains(
                                                "@Retry on " + Invalid.class.getName() + ".call()")
                                        .contains("maxRetries = -2 (annotation) is invalid")
                                        .contains("allowed: -1 (no limit) or more")
                                        .contains(
                                                "@Bulkhead on "
                                                        + Invalid.class.getName()
                                                        + ".limited()")
                                        .contains(
                                                "value = 0 (config key "
                                                        + Invalid.class.getName()
                                                        + "/limited/Bulkhead/value) is invalid")
                                        .contains("allowed: 1 or more");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class Invalid {
        @Retry(maxRetries = -2)
        void call() {}

        @Bulkhead(5)
        void limited() {}
    }
}
