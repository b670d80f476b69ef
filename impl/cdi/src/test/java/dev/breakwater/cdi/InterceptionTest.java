package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The annotations behave as the spec says on a real CDI container (Weld SE), end to end: through the
 * interceptor the extension registers, with the policies' state kept per bean class and method. Nothing here
 * waits by sleeping; a test that hangs is ended by the class's timeout.
 */
@org.junit.jupiter.api.Timeout(60)
class InterceptionTest {

    private static final Class<?>[] BEANS = {
        Service.class,
        RequestState.class,
        Apologies.class,
        DependentApologyHandler.class,
        FirstRemote.class,
        SecondRemote.class
    };

    private WeldContainer container;
    private Service service;

    @BeforeEach
    void start() {
        container = Deployments.start(BEANS);
        service = container.select(Service.class).get();
    }

    @AfterEach
    void stop() {
        if (container.isRunning()) {
            container.close();
        }
    }

    @Nested
    class RetryBehaviour {

        @Test
        void aFailingCallIsRetriedUntilItSucceeds() {
            assertThat(service.succeedsOnAttempt(3)).isEqualTo("attempt 3");
        }

        @Test
        void afterMaxRetriesTheLastFailureIsThrown() {
            assertThatThrownBy(() -> service.succeedsOnAttempt(10))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("attempt 4");
        }

        @Test
        void anAbortOnFailureIsNotRetried() {
            assertThatThrownBy(service::rejects).isInstanceOf(IllegalArgumentException.class);
            assertThat(service.rejectsAttempts()).isEqualTo(1);
        }
    }

    @Nested
    class CircuitBreakerBehaviour {

        @Test
        void opensWhenTheFailureRatioIsReachedAndThenRefusesCallsWithoutRunningThem() {
            assertThatThrownBy(() -> service.guarded(true))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> service.guarded(true))
                    .isInstanceOf(IllegalStateException.class);

            assertThatThrownBy(() -> service.guarded(false))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(service.guardedAttempts()).isEqualTo(2);
        }

        @Test
        void staysClosedBelowTheFailureRatio() {
            assertThatThrownBy(() -> service.guarded(true))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(service.guarded(false)).isEqualTo("ok");
            assertThat(service.guarded(false)).isEqualTo("ok");
        }

        @Test
        void isSharedByAllInstancesOfOneBeanClass() {
            FirstRemote one = container.select(FirstRemote.class).get();
            FirstRemote other = container.select(FirstRemote.class).get();
            assertThat(one).isNotSameAs(other);

            openCircuit(one);

            assertThatThrownBy(() -> other.call(false))
                    .isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(other.attempts()).isZero();
        }

        @Test
        void isSeparateForTwoBeanClassesThatInheritTheSameMethod() {
            openCircuit(container.select(FirstRemote.class).get());

            assertThat(container.select(SecondRemote.class).get().call(false)).isEqualTo("ok");
        }

        private void openCircuit(Remote remote) {
            assertThatThrownBy(() -> remote.call(true)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> remote.call(true)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> remote.call(false))
                    .isInstanceOf(CircuitBreakerOpenException.class);
        }
    }

    @Nested
    class FallbackBehaviour {

        @Test
        void aFallbackMethodGetsTheArgumentsOfTheFailedCall() {
            assertThat(service.greet("Ann")).isEqualTo("Hello from the fallback, Ann");
        }

        @Test
        void aFallbackHandlerThatIsNoBeanIsCreatedWithItsInjectionPointsFilled() {
            assertThat(service.apologise("Ann"))
                    .isEqualTo("Sorry Ann, apologise failed: greeter down (ApologyHandler)");
        }

        @Test
        void aFallbackHandlerThatIsABeanIsObtainedFromTheContainer() {
            assertThat(service.apologiseThroughBean("Ann"))
                    .isEqualTo(
                            "Sorry Ann, apologiseThroughBean failed: greeter down (DependentApologyHandler)");
        }

        @Test
        void aSkipOnFailureIsThrownInsteadOfFallingBack() {
            assertThatThrownBy(() -> service.greetStrictly(""))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(service.greetStrictly("Ann")).isEqualTo("Hello from the fallback, Ann");
        }
    }

    @Nested
    class TimeoutBehaviour {

        @Test
        void aCallThatOutlivesItsTimeoutFailsWithTimeoutException() {
            assertThatThrownBy(service::hangs).isInstanceOf(TimeoutException.class);
        }

        @Test
        void theInterruptThatEndedTheCallDoesNotLeakToTheCaller() {
            assertThatThrownBy(service::hangs).isInstanceOf(TimeoutException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }

        @Test
        void aCallThatFinishesInTimeReturnsItsResult() {
            assertThat(service.quick()).isEqualTo("quick");
        }
    }

    @Nested
    class BulkheadBehaviour {

        @Test
        void refusesACallWhileItsOnePlaceIsTakenAndAcceptsOneOnceItIsFree() throws Exception {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService holder = Executors.newSingleThreadExecutor();
            try {
                Future<String> first = holder.submit(() -> service.exclusive(entered, release));
                entered.await();

                assertThatThrownBy(
                                () ->
                                        service.exclusive(
                                                new CountDownLatch(1), new CountDownLatch(0)))
                        .isInstanceOf(BulkheadException.class);

                release.countDown();
                assertThat(first.get()).isEqualTo("done");
                assertThat(service.exclusive(new CountDownLatch(1), new CountDownLatch(0)))
                        .isEqualTo("done");
            } finally {
                holder.shutdownNow();
            }
        }
    }

    @Nested
    class AsynchronousBehaviour {

        @Test
        void aCompletionStageMethodRunsOnABreakwaterThread() throws Exception {
            String caller = Thread.currentThread().getName();

            String worker = service.threadNameAsStage().toCompletableFuture().get();

            assertThat(worker).startsWith("breakwater-").isNotEqualTo(caller);
        }

        @Test
        void aFutureMethodRunsOnABreakwaterThread() throws Exception {
            String caller = Thread.currentThread().getName();

            String worker = service.threadNameAsFuture().get();

            assertThat(worker).startsWith("breakwater-").isNotEqualTo(caller);
        }

        @Test
        void theCallerGetsTheStageBeforeTheMethodCompletes() throws Exception {
            CountDownLatch release = new CountDownLatch(1);

            CompletableFuture<String> stage = service.waitsFor(release).toCompletableFuture();

            assertThat(stage).isNotDone();
            release.countDown();
            assertThat(stage.get()).isEqualTo("released");
        }

        @Test
        void aFailureCompletesTheStageExceptionally() {
            assertThatThrownBy(() -> service.failsAsStage().toCompletableFuture().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("async failure");
        }

        @Test
        void aFailureCompletesTheFutureExceptionally() {
            assertThatThrownBy(() -> service.failsAsFuture().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("async failure");
        }

        @Test
        void aTimeoutCompletesTheStageWithTimeoutException() {
            assertThatThrownBy(() -> service.hangsAsynchronously().toCompletableFuture().get())
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TimeoutException.class);
        }

        @Test
        void aFailedStageIsRetriedAndThenFallsBack() throws Exception {
            assertThat(service.alwaysFailsAsynchronously().toCompletableFuture().get())
                    .isEqualTo("fallback after 3 attempts");
        }

        @Test
        void theMethodSeesAnActiveRequestContext() throws Exception {
            RequestState requestState = container.select(RequestState.class).get();
            assertThatThrownBy(requestState::id)
                    .as("precondition: the test thread has no request context")
                    .isInstanceOf(ContextNotActiveException.class);

            assertThat(service.requestStateId().toCompletableFuture().get()).isPositive();
        }
    }

    @Test
    void noBreakwaterThreadOutlivesTheContainer() throws Exception {
        // The container starts its threads on first use, so none of them is alive yet; any that are
        // belong to
        // other tests and are left out.
        Set<Thread> before = breakwaterThreads();
        service.threadNameAsStage().toCompletableFuture().get();
        assertThatThrownBy(service::hangs).isInstanceOf(TimeoutException.class);
        Set<Thread> started = breakwaterThreads();
        started.removeAll(before);
        assertThat(started)
                .extracting(Thread::getName)
                .as(
                        "the container started an asynchronous worker and the watchdog of synchronous timeouts")
                .anyMatch(name -> name.contains("async"))
                .anyMatch(name -> name.contains("watchdog"));

        container.close();

        Set<Thread> left = breakwaterThreads();
        left.removeAll(before);
        for (Thread thread : left) {
            thread.join(10_000);
        }
        assertThat(left).filteredOn(Thread::isAlive).extracting(Thread::getName).isEmpty();
    }

    /**
     * The live threads named {@code breakwater-*}.
     */
    private static Set<Thread> breakwaterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("breakwater-"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    // ---------------------------------------------------------------------------------------------------------

    @ApplicationScoped
    public static class Service {

        private final AtomicInteger succeedsOnAttempt = new AtomicInteger();
        private final AtomicInteger rejects = new AtomicInteger();
        private final AtomicInteger guarded = new AtomicInteger();
        private final AtomicInteger alwaysFailsAsynchronously = new AtomicInteger();

        @Inject RequestState requestState;

        @Retry(maxRetries = 3, jitter = 0)
        public String succeedsOnAttempt(int successfulAttempt) {
            int attempt = succeedsOnAttempt.incrementAndGet();
            if (attempt < successfulAttempt) {
                throw new IllegalStateException("attempt " + attempt);
            }
            return "attempt " + attempt;
        }

        @Retry(maxRetries = 3, jitter = 0, abortOn = IllegalArgumentException.class)
        public void rejects() {
            rejects.incrementAndGet();
            throw new IllegalArgumentException("bad input");
        }

        public int rejectsAttempts() {
            return rejects.get();
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        public String guarded(boolean fail) {
            guarded.incrementAndGet();
            if (fail) {
                throw new IllegalStateException("failure");
            }
            return "ok";
        }

        public int guardedAttempts() {
            return guarded.get();
        }

        @Fallback(fallbackMethod = "greetingFallback")
        public String greet(String name) {
            throw new IllegalStateException("greeter down");
        }

        @Fallback(fallbackMethod = "greetingFallback", skipOn = IllegalArgumentException.class)
        public String greetStrictly(String name) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no name");
            }
            throw new IllegalStateException("greeter down");
        }

        String greetingFallback(String name) {
            return "Hello from the fallback, " + name;
        }

        @Fallback(ApologyHandler.class)
        public String apologise(String name) {
            throw new IllegalStateException("greeter down");
        }

        @Fallback(DependentApologyHandler.class)
        public String apologiseThroughBean(String name) {
            throw new IllegalStateException("greeter down");
        }

        @Timeout(100)
        public String hangs() throws InterruptedException {
            new CountDownLatch(1).await();
            return "never";
        }

        @Timeout(value = 1, unit = ChronoUnit.MINUTES)
        public String quick() {
            return "quick";
        }

        @Bulkhead(1)
        public String exclusive(CountDownLatch entered, CountDownLatch release)
                throws InterruptedException {
            entered.countDown();
            release.await();
            return "done";
        }

        @Asynchronous
        public CompletionStage<String> threadNameAsStage() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

        @Asynchronous
        public Future<String> threadNameAsFuture() {
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        }

        @Asynchronous
        public CompletionStage<String> waitsFor(CountDownLatch release)
                throws InterruptedException {
            release.await();
            return CompletableFuture.completedFuture("released");
        }

        @Asynchronous
        public CompletionStage<String> failsAsStage() {
            throw new IllegalStateException("async failure");
        }

        @Asynchronous
        public Future<String> failsAsFuture() {
            throw new IllegalStateException("async failure");
        }

        @Asynchronous
        @Timeout(100)
        public CompletionStage<String> hangsAsynchronously() throws InterruptedException {
            new CountDownLatch(1).await();
            return CompletableFuture.completedFuture("never");
        }

        @Asynchronous
        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "asynchronousFallback")
        public CompletionStage<String> alwaysFailsAsynchronously() {
            alwaysFailsAsynchronously.incrementAndGet();
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        CompletionStage<String> asynchronousFallback() {
            return CompletableFuture.completedFuture(
                    "fallback after " + alwaysFailsAsynchronously.get() + " attempts");
        }

        @Asynchronous
        public CompletionStage<Integer> requestStateId() {
            return CompletableFuture.completedFuture(requestState.id());
        }
    }

    @RequestScoped
    public static class RequestState {
        private static final AtomicInteger INSTANCES = new AtomicInteger();
        private final int id = INSTANCES.incrementAndGet();

        public int id() {
            return id;
        }
    }

    @ApplicationScoped
    public static class Apologies {
        public String apologise(ExecutionContext context, String handler) {
            return "Sorry "
                    + context.getParameters()[0]
                    + ", "
                    + context.getMethod().getName()
                    + " failed: "
                    + context.getFailure().getMessage()
                    + " ("
                    + handler
                    + ")";
        }
    }

    /** Not a bean of the deployment: Breakwater creates it as a non-contextual instance. */
    public static class ApologyHandler implements FallbackHandler<String> {
        @Inject Apologies apologies;

        @Override
        public String handle(ExecutionContext context) {
            return apologies.apologise(context, "ApologyHandler");
        }
    }

    @Dependent
    public static class DependentApologyHandler implements FallbackHandler<String> {
        @Inject Apologies apologies;

        @Override
        public String handle(ExecutionContext context) {
            return apologies.apologise(context, "DependentApologyHandler");
        }
    }

    /** A remote call whose circuit breaker two bean classes inherit. */
    public abstract static class Remote {
        private final AtomicInteger attempts = new AtomicInteger();

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        public String call(boolean fail) {
            attempts.incrementAndGet();
            if (fail) {
                throw new IllegalStateException("failure");
            }
            return "ok";
        }

        public int attempts() {
            return attempts.get();
        }
    }

    @Dependent
    public static class FirstRemote extends Remote {}

    @Dependent
    public static class SecondRemote extends Remote {}
}
