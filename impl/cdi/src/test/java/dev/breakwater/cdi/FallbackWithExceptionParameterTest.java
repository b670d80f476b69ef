package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In SmallRye's non-compatible mode a fallback method may take one more parameter, last, of an exception type: the
 * failure. Of several such overloads the one whose type is the most specific supertype of the failure is called;
 * one without the parameter serves the failures none of them accepts; with neither, the failure propagates. In the
 * spec's mode such a method is not a fallback method.
 */
@org.junit.jupiter.api.Timeout(60)
class FallbackWithExceptionParameterTest {

    private static final Map<String, String> NON_COMPATIBLE =
            Map.of("smallrye.faulttolerance.mp-compatibility", "false");

    private WeldContainer container;

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.close();
        }
    }

    private <T> T start(Class<T> bean) {
        container = Deployments.start(NON_COMPATIBLE, bean);
        return container.select(bean).get();
    }

    @Test
    void theFallbackMethodReceivesTheFailureItself() throws IOException {
        Overloads overloads = start(Overloads.class);
        IllegalArgumentException failure = new IllegalArgumentException("bad order");

        assertThat(overloads.charge("order-1", failure))
                .isEqualTo("order-1 IllegalArgumentException");
        assertThat(overloads.lastFailure()).isSameAs(failure);
    }

    @Test
    void theOverloadWithTheMostSpecificSupertypeOfTheFailureIsCalled() throws IOException {
        Overloads overloads = start(Overloads.class);

        assertThat(overloads.charge("order-2", new IllegalStateException()))
                .isEqualTo("order-2 RuntimeException");
        assertThat(overloads.charge("order-3", new NumberFormatException()))
                .as("NumberFormatException extends IllegalArgumentException")
                .isEqualTo("order-3 IllegalArgumentException");
    }

    @Test
    void theMethodWithoutTheParameterServesWhatNoOverloadAccepts() throws IOException {
        Overloads overloads = start(Overloads.class);

        assertThat(overloads.charge("order-4", new IOException()))
                .isEqualTo("order-4 without exception");
    }

    @Test
    void withoutAMethodAcceptingTheFailureItPropagatesAsIfThereWereNoFallback() {
        OnlyIllegalArgument bean = start(OnlyIllegalArgument.class);
        IllegalStateException failure = new IllegalStateException("not handled");

        assertThat(bean.charge(new IllegalArgumentException())).isEqualTo("handled");
        assertThatThrownBy(() -> bean.charge(failure)).isSameAs(failure);
    }

    @Test
    void skipOnIsDecidedBeforeAnyFallbackMethodIsChosen() {
        Skipping bean = start(Skipping.class);
        IllegalStateException skipped = new IllegalStateException();

        assertThatThrownBy(() -> bean.charge(skipped)).isSameAs(skipped);
        assertThat(bean.charge(new IllegalArgumentException())).isEqualTo("RuntimeException");
    }

    @Test
    void anAsynchronousMethodsFallbackReceivesTheFailureOfItsStage() throws Exception {
        Reactive reactive = start(Reactive.class);

        assertThat(reactive.charge().toCompletableFuture().get())
                .isEqualTo("fallback after declined");
    }

    @Test
    void aVarargsMethodsFallbackTakesAnArrayAndTheFailure() {
        Varargs varargs = start(Varargs.class);

        assertThat(varargs.charge("a", "b")).isEqualTo("2 items, IllegalArgumentException");
    }

    @Test
    void inTheSpecsModeAMethodWithAnExceptionParameterIsNotAFallbackMethod() {
        FaultToleranceDefinitionException error =
                Deployments.definitionError(OnlyIllegalArgument.class);

        assertThat(error)
                .hasMessageContaining(OnlyIllegalArgument.class.getName())
                .hasMessageContaining("fallbackMethod")
                .hasMessageContaining("names no method that can serve as the fallback")
                .hasMessageContaining(
                        "found but not usable: public java.lang.String "
                                + OnlyIllegalArgument.class.getName()
                                + ".handled(java.lang.RuntimeException,java.lang.IllegalArgumentException)");
    }

    @Test
    void inNonCompatibleModeTheErrorSaysAnExceptionParameterIsAllowed() {
        FaultToleranceDefinitionException error =
                Deployments.definitionError(NON_COMPATIBLE, NoFallback.class);

        assertThat(error)
                .hasMessageContaining(
                        "with the parameter types (java.lang.String)"
                                + " (or those and then one exception type)");
    }

    @ApplicationScoped
    public static class Overloads {

        private volatile Throwable lastFailure;

        public Throwable lastFailure() {
            return lastFailure;
        }

        @Fallback(fallbackMethod = "declined")
        public String charge(String order, Exception failure) throws IOException {
            if (failure instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) failure;
        }

        public String declined(String order, Exception failure, IllegalArgumentException cause) {
            lastFailure = cause;
            return order + " IllegalArgumentException";
        }

        public String declined(String order, Exception failure, RuntimeException cause) {
            return order + " RuntimeException";
        }

        public String declined(String order, Exception failure) {
            return order + " without exception";
        }
    }

    @ApplicationScoped
    public static class OnlyIllegalArgument {

        @Fallback(fallbackMethod = "handled")
        public String charge(RuntimeException failure) {
            throw failure;
        }

        public String handled(RuntimeException failure, IllegalArgumentException cause) {
            return "handled";
        }
    }

    @ApplicationScoped
    public static class Skipping {

        @Fallback(fallbackMethod = "handled", skipOn = IllegalStateException.class)
        public String charge(RuntimeException failure) {
            throw failure;
        }

        public String handled(RuntimeException failure, RuntimeException cause) {
            return "RuntimeException";
        }
    }

    @ApplicationScoped
    public static class Reactive {

        @Fallback(fallbackMethod = "declined")
        public CompletionStage<String> charge() {
            return CompletableFuture.failedFuture(new IllegalArgumentException("declined"));
        }

        public CompletionStage<String> declined(IllegalArgumentException cause) {
            return CompletableFuture.completedFuture("fallback after " + cause.getMessage());
        }
    }

    @ApplicationScoped
    public static class Varargs {

        @Fallback(fallbackMethod = "declined")
        public String charge(String... items) {
            throw new IllegalArgumentException();
        }

        public String declined(String[] items, IllegalArgumentException cause) {
            return items.length + " items, " + cause.getClass().getSimpleName();
        }
    }

    @ApplicationScoped
    public static class NoFallback {

        @Fallback(fallbackMethod = "missing")
        public String charge(String order) {
            return order;
        }
    }
}
