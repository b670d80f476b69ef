package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.BindingsSource;
import io.quarkus.arc.InterceptionProxy;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A producer that wraps its instance with ArC's {@code InterceptionProxy} gets fault tolerance as a bean does: from
 * the produced class's annotations, or from the bindings source's.
 */
class InterceptionProxyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            Greeter.class,
                                            Remote.class,
                                            RemoteBindings.class,
                                            Producers.class,
                                            ManagedGreeter.class));

    @Inject Greeter produced;

    @Inject Remote remote;

    @Inject ManagedGreeter managed;

    @Test
    void aProducedInstanceIsRetriedAsOftenAsABean() {
        assertThatThrownBy(() -> produced.greet("Ann")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> managed.greet("Ann")).isInstanceOf(IllegalStateException.class);

        assertThat(produced.attempts()).isEqualTo(3);
        assertThat(managed.attempts()).isEqualTo(3);
    }

    @Test
    void aProducedInstanceFallsBackAfterItsRetriesAsABeanDoes() {
        assertThat(produced.greetOrApologise("Ann")).startsWith("Sorry Ann");
        assertThat(managed.greetOrApologise("Ann")).startsWith("Sorry Ann");
        assertThat(produced.greetOrApologiseAttempts()).isEqualTo(3);
        assertThat(managed.greetOrApologiseAttempts()).isEqualTo(3);
    }

    @Test
    void theAnnotationsOfABindingsSourceAreRetriedAndFallenBack() {
        assertThat(remote.call("x")).isEqualTo("fallback for x after 2 attempts");
    }

    /** Not a bean: only the producer makes instances of it. */
    static class Greeter {
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger greetOrApologiseAttempts = new AtomicInteger();

        @Retry(maxRetries = 2, jitter = 0)
        String greet(String name) {
            attempts.incrementAndGet();
            throw new IllegalStateException("greeter down");
        }

        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "apologise")
        String greetOrApologise(String name) {
            greetOrApologiseAttempts.incrementAndGet();
            throw new IllegalStateException("greeter down");
        }

        String apologise(String name) {
            return "Sorry " + name;
        }

        int attempts() {
            return attempts.get();
        }

        int greetOrApologiseAttempts() {
            return greetOrApologiseAttempts.get();
        }
    }

    /** The same methods on a bean, for comparison. */
    @ApplicationScoped
    @Typed(ManagedGreeter.class)
    static class ManagedGreeter extends Greeter {
        @Override
        @Retry(maxRetries = 2, jitter = 0)
        String greet(String name) {
            return super.greet(name);
        }

        @Override
        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "apologise")
        String greetOrApologise(String name) {
            return super.greetOrApologise(name);
        }
    }

    /** A class without annotations of its own (as if from a library): {@link RemoteBindings} supplies them. */
    static class Remote {
        final AtomicInteger attempts = new AtomicInteger();

        String call(String argument) {
            attempts.incrementAndGet();
            throw new IllegalStateException("remote down");
        }

        String fallback(String argument) {
            return "fallback for " + argument + " after " + attempts.get() + " attempts";
        }
    }

    abstract static class RemoteBindings {
        @Retry(maxRetries = 1, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        abstract String call(String argument);
    }

    @Dependent
    static class Producers {
        @Produces
        @Dependent
        Greeter greeter(InterceptionProxy<Greeter> proxy) {
            return proxy.create(new Greeter());
        }

        @Produces
        @Dependent
        Remote remote(@BindingsSource(RemoteBindings.class) InterceptionProxy<Remote> proxy) {
            return proxy.create(new Remote());
        }
    }
}
