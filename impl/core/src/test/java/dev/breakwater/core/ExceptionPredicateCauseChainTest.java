package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A predicate inspecting causes (SmallRye's non-compatible mode) decides a failure that neither list names by its
 * cause chain, excluded causes first; a failure a list names is decided by that list alone; without inspection the
 * causes are never looked at.
 */
class ExceptionPredicateCauseChainTest {

    private static final ExceptionPredicate SPEC =
            ExceptionPredicate.of(List.of(IOException.class), List.of(FileNotFoundException.class));
    private static final ExceptionPredicate INSPECTING = SPEC.inspectingCauses();

    private static RuntimeException wrapping(Throwable cause) {
        return new RuntimeException("wrapper", cause);
    }

    @Test
    void aWrappedIncludedExceptionMatchesOnlyWhenCausesAreInspected() {
        RuntimeException failure = wrapping(new IOException("disk"));

        assertThat(SPEC.test(failure)).isFalse();
        assertThat(INSPECTING.test(failure)).isTrue();
    }

    @Test
    void anIncludedExceptionDeeperInTheChainMatches() {
        assertThat(
                        INSPECTING.test(
                                wrapping(
                                        new IllegalStateException(
                                                "middle", new IOException("disk")))))
                .isTrue();
    }

    @Test
    void aWrappedExcludedExceptionDoesNotMatch() {
        assertThat(INSPECTING.test(wrapping(new FileNotFoundException("gone")))).isFalse();
    }

    @Test
    void anExcludedCauseWinsOverAnIncludedCauseAnywhereInTheChain() {
        RuntimeException failure =
                wrapping(new IOException("outer", new FileNotFoundException("gone")));

        assertThat(INSPECTING.test(failure)).isFalse();
    }

    @Test
    void aFailureTheListsNameIsDecidedWithoutLookingAtItsCauses() {
        IOException included =
                new IOException("named", new FileNotFoundException("excluded cause"));
        FileNotFoundException excluded = new FileNotFoundException("named");
        excluded.initCause(new IOException("included cause"));

        assertThat(INSPECTING.test(included)).isTrue();
        assertThat(INSPECTING.test(excluded)).isFalse();
    }

    @Test
    void aChainNamingNeitherListDoesNotMatch() {
        assertThat(INSPECTING.test(wrapping(new IllegalStateException("other")))).isFalse();
        assertThat(INSPECTING.test(new IllegalStateException("no cause"))).isFalse();
    }

    @Test
    void aCyclicCauseChainEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        assertThat(INSPECTING.test(first)).isFalse();
    }

    @Test
    void inspectingCausesMakesADifferentPolicy() {
        assertThat(INSPECTING).isNotEqualTo(SPEC).isEqualTo(SPEC.inspectingCauses());
        assertThat(INSPECTING.test(new UncheckedIOException(new IOException("wrapped by the JDK"))))
                .isTrue();
    }
}
