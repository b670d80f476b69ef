package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InterceptionFactory;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An instance that a producer makes through {@code InterceptionFactory} is guarded as an instance of a managed bean
 * is: its class, which the deployment never saw as a bean, gets its pipelines on its first call, and annotations
 * added through {@code InterceptionFactory.configure()} count as if the class declared them.
 */
@org.junit.jupiter.api.Timeout(60)
class InterceptionFactoryTest {

    /** What the deployment reports when the invalid class is a bean; read before any test's container runs. */
    private static String deploymentMessage;

    private WeldContainer container;

    @BeforeAll
    static void readTheDeploymentsMessage() {
        deploymentMessage = Deployments.definitionError(InvalidGreeter.class).getMessage();
    }

    @BeforeEach
    void start() {
        CountingBackoff.PAUSES.set(0);
        container = Deployments.start(Producers.class, ManagedGreeter.class);
    }

    @AfterEach
    void stop() {
        container.close();
    }

    private <T> T produced(Class<T> type, String name) {
        return container.select(type, new Made.Literal(name)).get();
    }

    @Test
    void aProducedInstanceIsRetriedAsOftenAsAManagedBean() {
        Greeter produced = produced(Greeter.class, "produced");
        ManagedGreeter managed = container.select(ManagedGreeter.class).get();

        assertThatThrownBy(() -> produced.greet("Ann")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> managed.greet("Ann")).isInstanceOf(IllegalStateException.class);

        assertThat(produced.attempts()).isEqualTo(3);
        assertThat(managed.attempts()).isEqualTo(3);
    }

    @Test
    void aProducedInstanceFallsBackAfterItsRetriesAsAManagedBeanDoes() {
        Greeter produced = produced(Greeter.class, "produced");
        ManagedGreeter managed = container.select(ManagedGreeter.class).get();

        assertThat(produced.greetOrApologise("Ann")).isEqualTo("Sorry Ann, after 3 attempts");
        assertThat(managed.greetOrApologise("Ann")).isEqualTo("Sorry Ann, after 3 attempts");
    }

    @Test
    void aProducedInstanceKeepsTheBackoffOfItsRetry() {
        Greeter produced = produced(Greeter.class, "produced");

        assertThatThrownBy(() -> produced.greetWithBackoff("Ann"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(CountingBackoff.PAUSES.get())
                .as("the @CustomBackoff of the class paced both retries")
                .isEqualTo(2);
    }

    @Test
    void aProducedInstanceOfAManagedBeanClassIsGuardedByThatClassesPipelines() {
        ManagedGreeter produced = produced(ManagedGreeter.class, "producedManaged");

        assertThat(produced.greetOrApologise("Ann")).isEqualTo("Sorry Ann, after 3 attempts");
    }

    @Test
    void aSubclassOfABeanClassGetsPipelinesOfItsOwnRatherThanItsSuperclasses() {
        SpecialGreeter special = produced(SpecialGreeter.class, "special");
        SpecialGreeter another = produced(SpecialGreeter.class, "special");

        assertThatThrownBy(() -> special.greet("Ann")).isInstanceOf(IllegalStateException.class);
        assertThat(special.attempts())
                .as("its own @Retry(maxRetries = 1), not the bean class's 2")
                .isEqualTo(2);
        assertThat(another.greetOrApologise("Ann"))
                .as("the inherited method is guarded as declared")
                .isEqualTo("Sorry Ann, after 3 attempts");
    }

    @Test
    void annotationsAddedThroughTheConfiguratorAreRetriedAndFallenBack() {
        Greeter configured = produced(Greeter.class, "configured");

        assertThat(configured.plain("Ann")).isEqualTo("Handled Ann");
        assertThat(configured.attempts()).as("one call and maxRetries = 1 retry").isEqualTo(2);
    }

    @Test
    void theConfiguratorDoesNotChangeOtherInstancesOfTheClass() {
        Greeter produced = produced(Greeter.class, "produced");

        assertThatThrownBy(() -> produced.plain("Ann")).isInstanceOf(IllegalStateException.class);
        assertThat(produced.attempts()).isEqualTo(1);
    }

    @Test
    void aDefinitionErrorFoundOnTheFirstCallFailsTheCallWithTheMessageTheDeploymentWouldGive() {
        InvalidGreeter produced = produced(InvalidGreeter.class, "invalid");

        assertThatThrownBy(() -> produced.greet("Ann"))
                .isInstanceOf(FaultToleranceDefinitionException.class)
                .hasMessage(deploymentMessage)
                .hasMessageContaining(
                        "@Retry on "
                                + InvalidGreeter.class.getName()
                                + ".greet(String)"
                                + ": maxRetries = -2 (annotation) is invalid; allowed: -1 (no limit) or more");
        assertThatThrownBy(() -> produced.greet("Bob"))
                .isInstanceOf(FaultToleranceDefinitionException.class)
                .hasMessage(deploymentMessage);
        assertThat(produced.attempts()).isZero();
    }

    @Test
    void concurrentFirstCallsAssembleTheClassOnceAndLogItsDefinitionErrorOnce() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Logger logger = Logger.getLogger(LatePipelines.class.getName());
        Handler handler =
                new Handler() {
                    @Override
                    public synchronized void publish(LogRecord record) {
                        logged.add(record);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                };
        logger.addHandler(handler);
        int callers = 8;
        ExecutorService executor = Executors.newFixedThreadPool(callers);
        try {
            List<InvalidGreeter> instances = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                instances.add(produced(InvalidGreeter.class, "invalid"));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> calls = new ArrayList<>();
            for (InvalidGreeter instance : instances) {
                calls.add(
                        executor.submit(
                                () -> {
                                    start.await();
                                    try {
                                        instance.greet("Ann");
                                        return null;
                                    } catch (RuntimeException e) {
                                        return e;
                                    }
                                }));
            }
            start.countDown();
            for (Future<Throwable> call : calls) {
                assertThat(call.get()).isInstanceOf(FaultToleranceDefinitionException.class);
            }
        } finally {
            executor.shutdownNow();
            logger.removeHandler(handler);
        }
        synchronized (handler) {
            assertThat(logged).hasSize(1);
            assertThat(logged.get(0).getMessage())
                    .contains("maxRetries = -2 (annotation) is invalid");
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Not a bean of the deployment: only the producers make instances of it. */
    public static class Greeter {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 2, jitter = 0)
        public String greet(String name) {
            attempts.incrementAndGet();
            throw new IllegalStateException("greeter down");
        }

        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "apologise")
        public String greetOrApologise(String name) {
            attempts.incrementAndGet();
            throw new IllegalStateException("greeter down");
        }

        String apologise(String name) {
            return "Sorry " + name + ", after " + attempts.get() + " attempts";
        }

        @Retry(maxRetries = 2, jitter = 0)
        @CustomBackoff(CountingBackoff.class)
        public String greetWithBackoff(String name) {
            attempts.incrementAndGet();
            throw new IllegalStateException("greeter down");
        }

        /** Guarded only where a producer configures it. */
        public String plain(String name) {
            attempts.incrementAndGet();
            throw new IllegalStateException("greeter down");
        }

        public int attempts() {
            return attempts.get();
        }
    }

    /** Counts the pauses it is asked for: a backoff that the retry did not apply is never asked. */
    public static class CountingBackoff implements CustomBackoffStrategy {
        static final AtomicInteger PAUSES = new AtomicInteger();

        @Override
        public long nextDelayInMillis(Throwable cause) {
            PAUSES.incrementAndGet();
            return 0;
        }
    }

    /** The same methods on a managed bean, for comparison. */
    @Dependent
    public static class ManagedGreeter extends Greeter {
        @Override
        @Retry(maxRetries = 2, jitter = 0)
        public String greet(String name) {
            return super.greet(name);
        }

        @Override
        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "apologise")
        public String greetOrApologise(String name) {
            return super.greetOrApologise(name);
        }
    }

    /** Not a bean: a subclass of a bean class that only a producer makes. */
    public static class SpecialGreeter extends ManagedGreeter {
        @Override
        @Retry(maxRetries = 1, jitter = 0)
        public String greet(String name) {
            return super.greet(name);
        }
    }

    public static class InvalidGreeter {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = -2)
        public String greet(String name) {
            attempts.incrementAndGet();
            return "Hello " + name;
        }

        public int attempts() {
            return attempts.get();
        }
    }

    public static class PlainHandler implements FallbackHandler<String> {
        @Override
        public String handle(org.eclipse.microprofile.faulttolerance.ExecutionContext context) {
            return "Handled " + context.getParameters()[0];
        }
    }

    @Dependent
    public static class Producers {

        @Produces
        @Made("produced")
        Greeter produced(InterceptionFactory<Greeter> factory) {
            return factory.createInterceptedInstance(new Greeter());
        }

        @Produces
        @Made("producedManaged")
        ManagedGreeter producedManaged(InterceptionFactory<ManagedGreeter> factory) {
            return factory.createInterceptedInstance(new ManagedGreeter());
        }

        @Produces
        @Made("special")
        SpecialGreeter special(InterceptionFactory<SpecialGreeter> factory) {
            return factory.createInterceptedInstance(new SpecialGreeter());
        }

        @Produces
        @Made("configured")
        Greeter configured(InterceptionFactory<Greeter> factory) {
            factory.configure()
                    .filterMethods(method -> method.getJavaMember().getName().equals("plain"))
                    .findFirst()
                    .orElseThrow()
                    .add(new RetryLiteral(1))
                    .add(new FallbackLiteral(PlainHandler.class));
            return factory.createInterceptedInstance(new Greeter());
        }

        @Produces
        @Made("invalid")
        InvalidGreeter invalid(InterceptionFactory<InvalidGreeter> factory) {
            return factory.createInterceptedInstance(new InvalidGreeter());
        }
    }

    /** Which producer made an instance. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
    public @interface Made {
        String value();

        @SuppressWarnings("all")
        final class Literal extends AnnotationLiteral<Made> implements Made {
            private final String value;

            Literal(String value) {
                this.value = value;
            }

            public String value() {
                return value;
            }
        }
    }

    @SuppressWarnings("all")
    static final class RetryLiteral extends AnnotationLiteral<Retry> implements Retry {
        private final int maxRetries;

        RetryLiteral(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public int maxRetries() {
            return maxRetries;
        }

        public long delay() {
            return 0;
        }

        public ChronoUnit delayUnit() {
            return ChronoUnit.MILLIS;
        }

        public long maxDuration() {
            return 180_000;
        }

        public ChronoUnit durationUnit() {
            return ChronoUnit.MILLIS;
        }

        public long jitter() {
            return 0;
        }

        public ChronoUnit jitterDelayUnit() {
            return ChronoUnit.MILLIS;
        }

        public Class<? extends Throwable>[] retryOn() {
            return new Class[] {Exception.class};
        }

        public Class<? extends Throwable>[] abortOn() {
            return new Class[0];
        }
    }

    @SuppressWarnings("all")
    static final class FallbackLiteral extends AnnotationLiteral<Fallback> implements Fallback {
        private final Class<? extends FallbackHandler<?>> handler;

        FallbackLiteral(Class<? extends FallbackHandler<?>> handler) {
            this.handler = handler;
        }

        public Class<? extends FallbackHandler<?>> value() {
            return handler;
        }

        public String fallbackMethod() {
            return "";
        }

        public Class<? extends Throwable>[] applyOn() {
            return new Class[] {Throwable.class};
        }

        public Class<? extends Throwable>[] skipOn() {
            return new Class[0];
        }
    }
}
