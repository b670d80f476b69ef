package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In Quarkus's default, SmallRye's non-compatible mode, a fallback method may take the failure as one more
 * parameter; the overload with the most specific exception type is called, the one without the parameter serves the
 * rest, and a failure no method accepts propagates.
 */
@org.junit.jupiter.api.Timeout(60)
class FallbackWithExceptionParameterTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Payments.class));

    @Inject Payments payments;

    @Test
    void theOverloadWithTheMostSpecificExceptionTypeReceivesTheFailure() {
        assertThat(payments.charge(new IllegalArgumentException("declined")))
                .isEqualTo("IllegalArgumentException: declined");
        assertThat(payments.charge(new IllegalStateException("down")))
                .isEqualTo("RuntimeException: down");
    }

    @Test
    void aFailureNoOverloadAcceptsPropagatesAsIfThereWereNoFallback() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("reset"));

        assertThatThrownBy(() -> payments.chargeOnlyDeclines(failure)).isSameAs(failure);
    }

    @Test
    void aUniMethodsFallbackReceivesTheFailure() {
        assertThat(payments.chargeLater().await().indefinitely()).isEqualTo("later: declined");
    }

    @ApplicationScoped
    public static class Payments {

        @Fallback(fallbackMethod = "declined")
        public String charge(RuntimeException failure) {
            throw failure;
        }

        public String declined(RuntimeException failure, IllegalArgumentException cause) {
            return "IllegalArgumentException: " + cause.getMessage();
        }

        public String declined(RuntimeException failure, RuntimeException cause) {
            return "RuntimeException: " + cause.getMessage();
        }

        @Fallback(fallbackMethod = "onlyDeclines")
        public String chargeOnlyDeclines(RuntimeException failure) {
            throw failure;
        }

        public String onlyDeclines(RuntimeException failure, IllegalArgumentException cause) {
            return "declined";
        }

        @Fallback(fallbackMethod = "later")
        public Uni<String> chargeLater() {
            return Uni.createFrom().failure(new IllegalArgumentException("declined"));
        }

        public Uni<String> later(IllegalArgumentException cause) {
            return Uni.createFrom().item("later: " + cause.getMessage());
        }
    }
}
