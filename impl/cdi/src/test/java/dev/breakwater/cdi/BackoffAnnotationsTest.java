package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SmallRye's backoff annotations on Weld modify the {@code @Retry} next to them, as SmallRye documents: a custom
 * strategy gets the retry's delay in milliseconds once and is asked for each pause with the failure; each parameter
 * is read through both config grammars, on synchronous and asynchronous methods alike (each call that retries gets its
 * own strategy); a backoff without {@code @Retry}, or two on one method, fail the
 * deployment. (The pause sequences of the built-in backoffs are the engine's, tested in {@code core}.)
 */
class BackoffAnnotationsTest {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    private static final String EXPONENTIAL = ExponentialRetry.class.getName() + "/call";
    private static final String CUSTOM = CustomRetry.class.getName() + "/call";

    @BeforeEach
    void forgetEvents() {
        EVENTS.clear();
    }

    @Test
    void aCustomStrategyGetsTheDelayInMillisOnceAndIsAskedBeforeEachRetry() {
        try (WeldContainer container = Deployments.start(CustomRetry.class)) {
            CustomRetry bean = container.select(CustomRetry.class).get();

            assertThatThrownBy(bean::call).isExactlyInstanceOf(IllegalStateException.class);

            assertThat(EVENTS)
                    .containsExactly(
                            "recording: init 7",
                            "recording: next after attempt 1",
                            "recording: next after attempt 2",
                            "recording: next after attempt 3");
        }
    }

    @Test
    void theKebabKeyReplacesTheCustomStrategy() {
        try (WeldContainer container =
                Deployments.start(
                        Map.of(
                                "quarkus.fault-tolerance.\"" + CUSTOM + "\".custom-backoff.value",
                                OtherStrategy.class.getName()),
                        CustomRetry.class)) {
            CustomRetry bean = container.select(CustomRetry.class).get();

            assertThatThrownBy(bean::call).isExactlyInstanceOf(IllegalStateException.class);

            assertThat(EVENTS)
                    .containsExactly("other: init 7", "other: next", "other: next", "other: next");
        }
    }

    @Test
    void theSpecKeyOfAnExponentialFactorIsReadAndValidated() {
        assertThat(
                        Deployments.definitionError(
                                Map.of(EXPONENTIAL + "/ExponentialBackoff/factor", "0"),
                                ExponentialRetry.class))
                .hasMessageContaining(
                        "@ExponentialBackoff on "
                                + ExponentialRetry.class.getName()
                                + ".call(): factor"
                                + " = 0 (config key "
                                + EXPONENTIAL
                                + "/ExponentialBackoff/factor) is invalid; allowed: 1 or"
                                + " more");
    }

    @Test
    void theKebabKeyOfAnExponentialFactorIsReadAndValidated() {
        String key = "smallrye.faulttolerance.\"" + EXPONENTIAL + "\".exponential-backoff.factor";
        assertThat(Deployments.definitionError(Map.of(key, "0"), ExponentialRetry.class))
                .hasMessageContaining(
                        "factor = 0 (config key " + key + ") is invalid; allowed: 1 or more");
    }

    @Test
    void aMaxDelayNotLongerThanTheRetryDelayIsADefinitionError() {
        assertThat(Deployments.definitionError(ShortFibonacci.class))
                .hasMessageContaining(
                        "@FibonacciBackoff on "
                                + ShortFibonacci.class.getName()
                                + ".call(): maxDelay"
                                + " = 100 (annotation) with maxDelayUnit = MILLIS (annotation) is not longer than the @Retry's"
                                + " delay = 100 (annotation) with delayUnit = MILLIS (annotation); allowed: 0 (no limit) or a"
                                + " maxDelay longer than the delay");
    }

    @Test
    void aBackoffWithoutRetryIsADefinitionError() {
        assertThat(Deployments.definitionError(BackoffWithoutRetry.class))
                .hasMessageContaining(
                        "@ExponentialBackoff on "
                                + BackoffWithoutRetry.class.getName()
                                + ".call(): the"
                                + " method has no @Retry; allowed: a backoff annotation only where @Retry applies");
    }

    @Test
    void twoBackoffsOnOneMethodAreADefinitionError() {
        assertThat(Deployments.definitionError(TwoBackoffs.class))
                .hasMessageContaining(
                        "@ExponentialBackoff and @FibonacciBackoff on "
                                + TwoBackoffs.class.getName()
                                + ".call(): more than one backoff; allowed: at most one of @ExponentialBackoff,"
                                + " @FibonacciBackoff and @CustomBackoff on a method");
    }

    @Test
    void aCustomBackoffThatIsNoStrategyIsADefinitionError() {
        assertThat(
                        Deployments.definitionError(
                                Map.of(CUSTOM + "/CustomBackoff/value", String.class.getName()),
                                CustomRetry.class))
                .hasMessageContaining(
                        "@CustomBackoff on "
                                + CustomRetry.class.getName()
                                + ".call(): value ="
                                + " java.lang.String (config key "
                                + CUSTOM
                                + "/CustomBackoff/value) is not a class"
                                + " implementing io.smallrye.faulttolerance.api.CustomBackoffStrategy");
    }

    @Test
    void anAsynchronousMethodGetsAStrategyForEachCallThatRetriesAndPausesWhatItAnswers()
            throws Exception {
        try (WeldContainer container = Deployments.start(AsynchronousCustomRetry.class)) {
            AsynchronousCustomRetry bean = container.select(AsynchronousCustomRetry.class).get();

            // The strategy answers 0 for each pause, in place of the retry's delay of an hour.
            Throwable first =
                    catchThrowable(
                            () -> bean.call().toCompletableFuture().get(30, TimeUnit.SECONDS));
            Throwable second =
                    catchThrowable(
                            () -> bean.call().toCompletableFuture().get(30, TimeUnit.SECONDS));

            assertThat(first)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .hasMessage("attempt 4");
            assertThat(second)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .hasMessage("attempt 8");
            assertThat(EVENTS)
                    .containsExactly(
                            "recording: init 3600000",
                            "recording: next after attempt 1",
                            "recording: next after attempt 2",
                            "recording: next after attempt 3",
                            "recording: init 3600000",
                            "recording: next after attempt 5",
                            "recording: next after attempt 6",
                            "recording: next after attempt 7");
        }
    }

    public static class RecordingStrategy implements CustomBackoffStrategy {

        @Override
        public void init(long initialDelayInMillis) {
            EVENTS.add("recording: init " + initialDelayInMillis);
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            EVENTS.add("recording: next after " + cause.getMessage());
            return 0;
        }
    }

    public static class OtherStrategy implements CustomBackoffStrategy {

        @Override
        public void init(long initialDelayInMillis) {
            EVENTS.add("other: init " + initialDelayInMillis);
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            EVENTS.add("other: next");
            return 0;
        }
    }

    @ApplicationScoped
    public static class CustomRetry {
        private int attempts;

        @Retry(maxRetries = 3, delay = 7, jitter = 0)
        @CustomBackoff(RecordingStrategy.class)
        public void call() {
            attempts++;
            throw new IllegalStateException("attempt " + attempts);
        }
    }

    @ApplicationScoped
    public static class AsynchronousCustomRetry {
        private final AtomicInteger attempts = new AtomicInteger();

        @Asynchronous
        @Retry(
                maxRetries = 3,
                delay = 1,
                delayUnit = ChronoUnit.HOURS,
                maxDuration = 2,
                durationUnit = ChronoUnit.HOURS,
                jitter = 0)
        @CustomBackoff(RecordingStrategy.class)
        public CompletionStage<String> call() {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("attempt " + attempts.incrementAndGet()));
        }
    }

    @ApplicationScoped
    public static class ExponentialRetry {

        @Retry(maxRetries = 1, delay = 0, jitter = 0)
        @ExponentialBackoff
        public void call() {}
    }

    @ApplicationScoped
    public static class ShortFibonacci {

        @Retry(maxRetries = 1, delay = 100, jitter = 0)
        @FibonacciBackoff(maxDelay = 100)
        public void call() {}
    }

    @ApplicationScoped
    public static class BackoffWithoutRetry {

        @ExponentialBackoff
        public void call() {}
    }

    @ApplicationScoped
    public static class TwoBackoffs {

        @Retry
        @ExponentialBackoff
        @FibonacciBackoff
        public void call() {}
    }
}
