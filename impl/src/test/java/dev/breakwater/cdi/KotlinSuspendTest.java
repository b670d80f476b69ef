package dev.breakwater.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import kotlin.coroutines.Continuation;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guarded Kotlin {@code suspend} function (compiled: a method whose last parameter is a {@code Continuation}) is
 * not supported yet, and says so at deployment rather than letting its failures pass every policy unseen.
 */
class KotlinSuspendTest {

    @Test
    void aGuardedSuspendFunctionFailsTheDeploymentNamingItsAnnotations() {
        assertThat(Deployments.definitionError(Suspending.class))
                .hasMessageContaining("@Fallback, @Retry on " + Suspending.class.getName() + ".hello(String,"
                        + " Continuation): the method is a Kotlin suspend function, which Breakwater does not support"
                        + " yet (its outcome would pass every policy unseen); allowed: fault tolerance annotations on a"
                        + " function that is not suspend, or on one that returns a java.util.concurrent.CompletionStage"
                        + " or Mutiny's Uni");
    }

    /** What {@code @Retry @Fallback(...) open suspend fun hello(name: String): String} compiles to. */
    @ApplicationScoped
    public static class Suspending {
        @Retry
        @Fallback(fallbackMethod = "fallback")
        public Object hello(String name, Continuation<? super String> continuation) {
            return "hello " + name;
        }

        public Object fallback(String name, Continuation<? super String> continuation) {
            return "fallback";
        }
    }
}
