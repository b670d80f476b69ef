package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.BindingsSource;
import io.quarkus.arc.InterceptionProxy;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Annotations from a bindings source are read on the first call, so a definition error among them fails the call,
 * every call, with the message a build would give, and the method never runs.
 */
class InterceptionProxyBindingsSourceErrorTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            Remote.class, InvalidBindings.class, Producer.class));

    @Inject Remote remote;

    @Test
    void everyCallFailsWithTheDefinitionError() {
        String message =
                "@Retry on "
                        + Remote.class.getName()
                        + ".call(): maxRetries = -2 (annotation) is invalid;"
                        + " allowed: -1 (no limit) or more";
        assertThatThrownBy(remote::call)
                .isInstanceOf(FaultToleranceDefinitionException.class)
                .hasMessage(message);
        assertThatThrownBy(remote::call)
                .isInstanceOf(FaultToleranceDefinitionException.class)
                .hasMessage(message);
        assertThat(remote.calls()).isZero();
    }

    static class Remote {
        final AtomicInteger calls = new AtomicInteger();

        String call() {
            calls.incrementAndGet();
            return "called";
        }

        int calls() {
            return calls.get();
        }
    }

    abstract static class InvalidBindings {
        @Retry(maxRetries = -2)
        abstract String call();
    }

    @Dependent
    static class Producer {
        @Produces
        @Dependent
        Remote remote(@BindingsSource(InvalidBindings.class) InterceptionProxy<Remote> proxy) {
            return proxy.create(new Remote());
        }
    }
}
