package dev.breakwater.cdi;

import static dev.breakwater.cdi.Deployments.definitionError;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A fallback method of a generic method has the same generic signature: the method's own type variables
 * correspond by position (the fallback's {@code N} stands for the guarded method's {@code N}) and must have the
 * same bounds; a varargs parameter is the array it is.
 */
@org.junit.jupiter.api.Timeout(60)
class GenericFallbackMethodTest {

    @Nested
    class Usable {

        @Test
        void aGenericMethodWithVarargsFallsBackToAPrivateMethodOfTheSameSignature() {
            try (WeldContainer container = Deployments.start(Readings.class)) {
                Readings readings = container.select(Readings.class).get();

                assertThat(readings.latest(List.of(3, 4, 5), "a", "b")).containsExactly(3, 4);
            }
        }

        @Test
        void anAsynchronousGenericMethodWithVarargsFallsBackToAPrivateMethodOfTheSameSignature()
                throws Exception {
            try (WeldContainer container = Deployments.start(Readings.class)) {
                Readings readings = container.select(Readings.class).get();

                assertThat(readings.latestLater(List.of(1.5, 2.5), "a").toCompletableFuture().get())
                        .containsExactly(1.5);
            }
        }

        @Test
        void aVarargsParameterOfTheMethodsTypeVariableFallsBackToTheSameSignature() {
            try (WeldContainer container = Deployments.start(Readings.class)) {
                Readings readings = container.select(Readings.class).get();

                assertThat(readings.largest(7L, 9L)).isEqualTo(7L);
            }
        }
    }

    @Nested
    class Rejected {

        @Test
        void aFallbackWhoseTypeVariableHasAnotherBound() {
            assertThat(definitionError(OtherBound.class).getMessage())
                    .contains(
                            "@Fallback on "
                                    + OtherBound.class.getName()
                                    + ".latest(List, String[])")
                    .contains(
                            "fallbackMethod = cached (annotation) names no method that can serve as the fallback")
                    .contains(
                            "found but not usable: private <N extends java.lang.CharSequence> java.util.List<N> "
                                    + OtherBound.class.getName()
                                    + ".cached(java.util.List<N>,java.lang.String...)")
                    .contains("with the parameter types (java.util.List<N>, java.lang.String[])");
        }

        @Test
        void aFallbackWhoseTypeVariablesAreSwapped() {
            assertThat(definitionError(SwappedVariables.class).getMessage())
                    .contains(
                            "@Fallback on "
                                    + SwappedVariables.class.getName()
                                    + ".pair(Object, Object)")
                    .contains(
                            "fallbackMethod = swapped (annotation) names no method that can serve as the fallback")
                    .contains("found but not usable");
        }

        @Test
        void aFallbackWithOtherVarargs() {
            assertThat(definitionError(OtherVarargs.class).getMessage())
                    .contains(
                            "@Fallback on "
                                    + OtherVarargs.class.getName()
                                    + ".latest(List, String[])")
                    .contains(
                            "fallbackMethod = cached (annotation) names no method that can serve as the fallback")
                    .contains(
                            "found but not usable: private <N extends java.lang.Number> java.util.List<N> "
                                    + OtherVarargs.class.getName()
                                    + ".cached(java.util.List<N>,java.lang.Integer...)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @ApplicationScoped
    public static class Readings {

        @Fallback(fallbackMethod = "cached")
        public <N extends Number> List<N> latest(List<N> values, String... tags) {
            throw new IllegalStateException("sensor down");
        }

        /** As many of the values as there are tags, so that a test sees both arguments arrive. */
        private <N extends Number> List<N> cached(List<N> values, String... tags) {
            return values.subList(0, tags.length);
        }

        @Asynchronous
        @Fallback(fallbackMethod = "cachedLater")
        public <N extends Number> CompletionStage<List<N>> latestLater(
                List<N> values, String... tags) {
            return CompletableFuture.failedFuture(new IllegalStateException("sensor down"));
        }

        private <N extends Number> CompletionStage<List<N>> cachedLater(
                List<N> values, String... tags) {
            return CompletableFuture.completedFuture(cached(values, tags));
        }

        @Fallback(fallbackMethod = "first")
        @SuppressWarnings("unchecked")
        public <N extends Comparable<N>> N largest(N... values) {
            throw new IllegalStateException("sensor down");
        }

        @SuppressWarnings("unchecked")
        private <N extends Comparable<N>> N first(N... values) {
            return values[0];
        }
    }

    @ApplicationScoped
    public static class OtherBound {

        @Fallback(fallbackMethod = "cached")
        public <N extends Number> List<N> latest(List<N> values, String... tags) {
            throw new IllegalStateException("sensor down");
        }

        private <N extends CharSequence> List<N> cached(List<N> values, String... tags) {
            return values;
        }
    }

    @ApplicationScoped
    public static class SwappedVariables {

        @Fallback(fallbackMethod = "swapped")
        public <A, B> A pair(A first, B second) {
            throw new IllegalStateException("down");
        }

        private <B, A> A swapped(A first, B second) {
            return first;
        }
    }

    @ApplicationScoped
    public static class OtherVarargs {

        @Fallback(fallbackMethod = "cached")
        public <N extends Number> List<N> latest(List<N> values, String... tags) {
            throw new IllegalStateException("sensor down");
        }

        private <N extends Number> List<N> cached(List<N> values, Integer... tags) {
            return values;
        }
    }
}
