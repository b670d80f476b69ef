package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two methods that list the same exception types have equal policies, which is how shared breakers are checked. */
class ExceptionPredicateEqualityTest {

    @Test
    void predicatesListingTheSameTypesInAnotherOrderAreEqual() {
        ExceptionPredicate first =
                ExceptionPredicate.of(
                        List.of(IOException.class, IllegalStateException.class),
                        List.of(FileNotFoundException.class));
        ExceptionPredicate second =
                ExceptionPredicate.of(
                        List.of(IllegalStateException.class, IOException.class, IOException.class),
                        List.of(FileNotFoundException.class));

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first)
                .isNotEqualTo(ExceptionPredicate.of(List.of(IOException.class), List.of()));
    }
}
