package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SmallRye's {@code @RetryWhen} and {@code @BeforeRetry} on Quarkus, as SmallRye documents them: a result
 * predicate retries results until one it does not match and, with no retry left, the call fails with
 * {@code FaultToleranceException}; an exception predicate decides which failures are retried; a handler (a bean,
 * with injection, a new instance per retry, given the call's method, arguments and last failure) or a method runs
 * before each retry and never before the first attempt; the same on {@code CompletionStage} methods; a member is
 * replaced through a {@code quarkus.fault-tolerance} key.
 */
@org.junit.jupiter.api.Timeout(60)
class RetryWhenAndBeforeRetryTest {

    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final Set<Object> HANDLERS = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            Retried.class,
                                            Recorder.class,
                                            RecordingHandler.class,
                                            IsNull.class,
                                            IsIllegalState.class,
                                            IsIllegalArgument.class))
                    .overrideConfigKey(
                            "quarkus.fault-tolerance.\""
                                    + Retried.class.getName()
                                    + "/configured\".retry-when.exception",
                            IsIllegalArgument.class.getName());

    @Inject Retried retried;

    @BeforeEach
    void forget() {
        ATTEMPTS.set(0);
        EVENTS.clear();
        HANDLERS.clear();
    }

    @Test
    void aMatchingResultIsRetriedUntilOneThatDoesNotMatch() {
        assertThat(retried.nullUntil(3)).isEqualTo("result of attempt 3");
        assertThat(ATTEMPTS).hasValue(3);
    }

    @Test
    void whenNoRetryIsLeftForAMatchingResultTheCallFailsWithFaultToleranceException() {
        assertThatThrownBy(() -> retried.nullUntil(100))
                .isExactlyInstanceOf(FaultToleranceException.class)
                .hasMessageContaining("reached its maximum retries on a result that is retried");
        assertThat(ATTEMPTS).hasValue(1 + 2);
    }

    @Test
    void theExceptionPredicateDecidesWhichFailuresAreRetried() {
        assertThatThrownBy(
                        () -> retried.illegalStateTwiceThen(new IllegalArgumentException("last")))
                .hasMessage("last");
        assertThat(ATTEMPTS).hasValue(3);
    }

    @Test
    void theQuarkusKeyReplacesTheExceptionPredicate() {
        assertThatThrownBy(retried::configured).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(ATTEMPTS).hasValue(1);
    }

    @Test
    void eachRetryGetsANewHandlerBeanWithTheCallsMethodArgumentsAndLastFailure() {
        assertThatThrownBy(() -> retried.handled("order-7"))
                .isInstanceOf(IllegalStateException.class);

        assertThat(EVENTS)
                .containsExactly(
                        "handled(order-7) after attempt 1", "handled(order-7) after attempt 2");
        assertThat(HANDLERS).hasSize(2);
    }

    @Test
    void theMethodRunsBeforeEachRetryButNotBeforeTheFirstAttempt() {
        assertThatThrownBy(retried::withMethod).isInstanceOf(IOException.class);

        assertThat(ATTEMPTS).hasValue(3);
        assertThat(EVENTS).containsExactly("reset after attempt 1", "reset after attempt 2");
    }

    @Test
    void aCallThatSucceedsAtOnceRunsNoAction() {
        retried.nullUntil(1);

        assertThat(EVENTS).isEmpty();
    }

    @Test
    void aCompletionStageMethodsResultIsRetriedAndTheActionRunsBeforeEachRetry() throws Exception {
        CompletionStage<String> result = retried.stageNullUntil(3);

        assertThat(result.toCompletableFuture().get(30, TimeUnit.SECONDS))
                .isEqualTo("result of attempt 3");
        assertThat(ATTEMPTS).hasValue(3);
        assertThat(EVENTS).containsExactly("reset after attempt 1", "reset after attempt 2");
    }

    @Test
    void anAsynchronousMethodWithoutRetriesLeftFailsWithFaultToleranceException() {
        CompletableFuture<String> result = retried.asynchronousNullUntil(100).toCompletableFuture();

        assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                .cause()
                .isExactlyInstanceOf(FaultToleranceException.class);
        assertThat(ATTEMPTS).hasValue(1 + 2);
    }

    public static final class IsNull implements Predicate<Object> {
        @Override
        public boolean test(Object result) {
            return result == null;
        }
    }

    public static final class IsIllegalState implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            return failure instanceof IllegalStateException;
        }
    }

    public static final class IsIllegalArgument implements Predicate<Throwable> {
        @Override
        public boolean test(Throwable failure) {
            return failure instanceof IllegalArgumentException;
        }
    }

    @ApplicationScoped
    public static class Recorder {
        void record(String event) {
            EVENTS.add(event);
        }
    }

    public static class RecordingHandler implements BeforeRetryHandler {
        @Inject Recorder recorder;

        @Override
        public void handle(ExecutionContext context) {
            HANDLERS.add(this);
            recorder.record(
                    context.getMethod().getName()
                            + "("
                            + context.getParameters()[0]
                            + ") after "
                            + context.getFailure().getMessage());
        }
    }

    @ApplicationScoped
    public static class Retried {

        @Retry(maxRetries = 2, jitter = 0)
        @RetryWhen(result = IsNull.class)
        public String nullUntil(int succeedAt) {
            int attempt = ATTEMPTS.incrementAndGet();
            return attempt < succeedAt ? null : "result of attempt " + attempt;
        }

        @Retry(maxRetries = 5, jitter = 0)
        @RetryWhen(exception = IsIllegalState.class)
        public void illegalStateTwiceThen(RuntimeException last) {
            if (ATTEMPTS.incrementAndGet() < 3) {
                throw new IllegalStateException("retried");
            }
            throw last;
        }

        @Retry(maxRetries = 5, jitter = 0)
        @RetryWhen(exception = IsIllegalState.class)
        public void configured() {
            ATTEMPTS.incrementAndGet();
            throw new IllegalStateException("not retried under the configured predicate");
        }

        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(RecordingHandler.class)
        public void handled(String order) {
            throw new IllegalStateException("attempt " + ATTEMPTS.incrementAndGet());
        }

        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(methodName = "reset")
        public void withMethod() throws IOException {
            throw new IOException("attempt " + ATTEMPTS.incrementAndGet());
        }

        /** Non-blocking (Quarkus's default non-compatible mode): the stage it returns is guarded. */
        @Retry(maxRetries = 4, jitter = 0)
        @RetryWhen(result = IsNull.class)
        @BeforeRetry(methodName = "reset")
        public CompletionStage<String> stageNullUntil(int succeedAt) {
            int attempt = ATTEMPTS.incrementAndGet();
            return CompletableFuture.completedFuture(
                    attempt < succeedAt ? null : "result of attempt " + attempt);
        }

        @Asynchronous
        @Retry(maxRetries = 2, jitter = 0)
        @RetryWhen(result = IsNull.class)
        public CompletionStage<String> asynchronousNullUntil(int succeedAt) {
            int attempt = ATTEMPTS.incrementAndGet();
            return CompletableFuture.completedFuture(
                    attempt < succeedAt ? null : "result of attempt " + attempt);
        }

        void reset() {
            EVENTS.add("reset after attempt " + ATTEMPTS.get());
        }
    }
}
