package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec's rule for the place of a key, on Quarkus: {@code <class>/<method>/<Annotation>/<member>} is ignored for
 * an annotation placed on the class, {@code <class>/<Annotation>/<member>} for one placed on the method. Each such
 * key here holds a value that would fail the start if it were read, so the application's start shows that none
 * is; a retry count shows the annotation's own value in force. ({@code @Fallback} can only be placed on a method;
 * the kebab-case keys in the wrong place fail the build, see {@link ConfigKeyTypoTest}.)
 */
class ClassLevelKeyRuleTest {

    private static final String ON_CLASS = OnClass.class.getName();
    private static final String ON_METHODS = OnMethods.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(OnClass.class, OnMethods.class)
                                            .addAsResource(
                                                    new StringAsset(
                                                            String.join(
                                                                    "\n",
                                                                    ON_CLASS
                                                                            + "/call/Timeout/value=-1",
                                                                    ON_CLASS
                                                                            + "/call/Retry/maxRetries=-5",
                                                                    ON_CLASS
                                                                            + "/call/CircuitBreaker/requestVolumeThreshold=0",
                                                                    ON_CLASS
                                                                            + "/call/Bulkhead/value=0",
                                                                    ON_METHODS
                                                                            + "/Timeout/value=-1",
                                                                    ON_METHODS
                                                                            + "/Retry/maxRetries=-5",
                                                                    ON_METHODS
                                                                            + "/CircuitBreaker/requestVolumeThreshold=0",
                                                                    ON_METHODS
                                                                            + "/Bulkhead/value=0",
                                                                    ON_METHODS
                                                                            + "/Fallback/fallbackMethod=missing")),
                                                    "application.properties"));

    @Inject OnClass onClass;

    @Inject OnMethods onMethods;

    @Test
    void aMethodKeyForAClassLevelAnnotationIsIgnored() {
        assertThatThrownBy(onClass::call).isInstanceOf(IllegalStateException.class);
        assertThat(onClass.attempts()).isEqualTo(1 + 1);
    }

    @Test
    void aClassKeyForAMethodLevelAnnotationIsIgnored() {
        assertThat(onMethods.call()).isEqualTo("fallback after " + (1 + 1) + " attempts");
    }

    @ApplicationScoped
    @Timeout(5000)
    @Retry(maxRetries = 1, jitter = 0)
    @CircuitBreaker(requestVolumeThreshold = 100)
    @Bulkhead(5)
    static class OnClass {
        private final AtomicInteger attempts = new AtomicInteger();

        void call() {
            attempts.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int attempts() {
            return attempts.get();
        }
    }

    @ApplicationScoped
    static class OnMethods {
        private final AtomicInteger attempts = new AtomicInteger();

        @Timeout(5000)
        @Retry(maxRetries = 1, jitter = 0)
        @CircuitBreaker(requestVolumeThreshold = 100)
        @Bulkhead(5)
        @Fallback(fallbackMethod = "fallback")
        String call() {
            attempts.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        String fallback() {
            return "fallback after " + attempts.get() + " attempts";
        }
    }
}
