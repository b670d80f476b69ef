package dev.breakwater.cdi;

import static dev.breakwater.cdi.Deployments.definitionError;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import kotlin.coroutines.Continuation;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

/**
 * Kotlin suspend functions are guarded on Quarkus only: on Weld a guarded one fails the deployment rather than
 * being guarded as if it returned at once, which would miss every failure after it first suspends.
 */
class SuspendFunctionOnWeldTest {

    @Test
    void aGuardedSuspendFunctionFailsTheDeploymentWithWhatIsAllowed() {
        assertThat(definitionError(Suspending.class).getMessage())
                .isEqualTo(
                        "@Fallback, @Retry on "
                                + Suspending.class.getName()
                                + ".greet(Continuation): a Kotlin"
                                + " suspend function is guarded only on Quarkus, with breakwater-quarkus and quarkus-kotlin;"
                                + " allowed here: no fault tolerance annotation on it");
    }

    @ApplicationScoped
    static class Suspending {

        /** What {@code suspend fun greet(): String} compiles to. */
        @Retry
        @Fallback(fallbackMethod = "fallback")
        public Object greet(Continuation<? super String> continuation) {
            return "hello";
        }

        Object fallback(Continuation<? super String> continuation) {
            return "fallback";
        }
    }
}
