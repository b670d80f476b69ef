package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fallback method whose type variable has another bound than the guarded method's fails the build. */
class GenericFallbackMethodRejectedTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(OtherBound.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains(
                                                "@Fallback on "
                                                        + OtherBound.class.getName()
                                                        + ".latest(List, String[])")
                                        .contains(
                                                "fallbackMethod = cached (annotation) names no method that can serve as the"
                                                        + " fallback")
                                        .contains(
                                                "found but not usable: private <N extends java.lang.CharSequence>"
                                                        + " java.util.List<N> "
                                                        + OtherBound.class.getName()
                                                        + ".cached(java.util.List<N>,java.lang.String...)")
                                        .contains(
                                                "with the parameter types (java.util.List<N>, java.lang.String[])");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class OtherBound {

        @Fallback(fallbackMethod = "cached")
        <N extends Number> List<N> latest(List<N> values, String... tags) {
            throw new IllegalStateException("sensor down");
        }

        private <N extends CharSequence> List<N> cached(List<N> values, String... tags) {
            return values;
        }
    }
}
