package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.InterceptionProxy;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The build finds the class a producer wraps with {@code InterceptionProxy}, so its definition error fails the build. */
class InterceptionProxyDefinitionErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Invalid.class, Producer.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .isEqualTo(
                                                "@Retry on "
                                                        + Invalid.class.getName()
                                                        + ".call(): maxRetries = -2 (annotation)"
                                                        + " is invalid; allowed: -1 (no limit) or more");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    /** Not a bean: only the producer makes instances of it. */
    static class Invalid {
        @Retry(maxRetries = -2)
        String call() {
            return "called";
        }
    }

    @Dependent
    static class Producer {
        @Produces
        @Dependent
        Invalid invalid(InterceptionProxy<Invalid> proxy) {
            return proxy.create(new Invalid());
        }
    }
}
