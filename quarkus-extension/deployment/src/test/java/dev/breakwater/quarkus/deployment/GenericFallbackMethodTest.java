package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On Quarkus too, a generic method with varargs falls back to a private method of the same generic signature: the
 * build resolves it (the method's own type variables correspond by position) and the run time calls it.
 */
class GenericFallbackMethodTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Readings.class));

    @Inject Readings readings;

    @Test
    void aGenericMethodWithVarargsFallsBackToAPrivateMethodOfTheSameSignature() {
        assertThat(readings.latest(List.of(3, 4, 5), "a", "b")).containsExactly(3, 4);
    }

    @Test
    void anAsynchronousGenericMethodWithVarargsFallsBackToAPrivateMethodOfTheSameSignature()
            throws Exception {
        assertThat(readings.latestLater(List.of(1.5, 2.5), "a").toCompletableFuture().get())
                .containsExactly(1.5);
    }

    @Test
    void aVarargsParameterOfTheMethodsTypeVariableFallsBackToTheSameSignature() {
        assertThat(readings.largest(7L, 9L)).isEqualTo(7L);
    }

    @ApplicationScoped
    static class Readings {

        @Fallback(fallbackMethod = "cached")
        <N extends Number> List<N> latest(List<N> values, String... tags) {
            throw new IllegalStateException("sensor down");
        }

        /** As many of the values as there are tags, so that a test sees both arguments arrive. */
        private <N extends Number> List<N> cached(List<N> values, String... tags) {
            return values.subList(0, tags.length);
        }

        @Asynchronous
        @Fallback(fallbackMethod = "cachedLater")
        <N extends Number> CompletionStage<List<N>> latestLater(List<N> values, String... tags) {
            return CompletableFuture.failedFuture(new IllegalStateException("sensor down"));
        }

        private <N extends Number> CompletionStage<List<N>> cachedLater(
                List<N> values, String... tags) {
            return CompletableFuture.completedFuture(cached(values, tags));
        }

        @Fallback(fallbackMethod = "first")
        @SuppressWarnings("unchecked")
        <N extends Comparable<N>> N largest(N... values) {
            throw new IllegalStateException("sensor down");
        }

        @SuppressWarnings("unchecked")
        private <N extends Comparable<N>> N first(N... values) {
            return values[0];
        }
    }
}
