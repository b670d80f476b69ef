package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.faulttolerance.api.BeforeRetry;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import io.smallrye.faulttolerance.api.RetryWhen;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * SmallRye's {@code @RetryWhen} and {@code @BeforeRetry} on Weld, as SmallRye documents them: a result predicate
 * retries results until one it does not match, and when no retry is left the call fails with a
 * {@code FaultToleranceException}; an exception predicate replaces {@code retryOn} and {@code abortOn}; the action
 * runs before each retry and never before the first attempt, a handler on a new instance each time with the
 * call's method, arguments and last failure; an action that throws does not end the retries. Each member is read
 * through the config grammars, and each misuse SmallRye rejects fails the deployment.
 */
class RetryWhenAndBeforeRetryTest {

    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    private static final Set<Object> HANDLERS = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void forget() {
        ATTEMPTS.set(0);
        EVENTS.clear();
        HANDLERS.clear();
    }

    @Nested
    class ResultPredicate {

        @Test
        void aMatchingResultIsRetriedUntilOneThatDoesNotMatch() {
            try (WeldContainer container = Deployments.start(NullRetried.class)) {
                assertThat(container.select(NullRetried.class).get().call(3))
                        .isEqualTo("result of attempt 3");
                assertThat(ATTEMPTS).hasValue(3);
            }
        }

        @Test
        void whenNoRetryIsLeftTheCallFailsWithFaultToleranceException() {
            try (WeldContainer container = Deployments.start(NullRetried.class)) {
                NullRetried bean = container.select(NullRetried.class).get();

                assertThatThrownBy(() -> bean.call(100))
                        .isExactlyInstanceOf(FaultToleranceException.class)
                        .hasMessage(
                                NullRetried.class.getName()
                                        + ".call(int) reached its maximum retries on a"
                                        + " result that is retried");
                assertThat(ATTEMPTS).hasValue(1 + 4);
            }
        }

        @Test
        void anAsynchronousMethodsResultIsTestedNotItsStage() throws Exception {
            try (WeldContainer container = Deployments.start(AsynchronousNullRetried.class)) {
                CompletionStage<String> result =
                        container.select(AsynchronousNullRetried.class).get().call(3);

                assertThat(result.toCompletableFuture().get(30, TimeUnit.SECONDS))
                        .isEqualTo("result of attempt 3");
                assertThat(ATTEMPTS).hasValue(3);
                assertThat(EVENTS).containsExactly("before retry", "before retry");
            }
        }

        @Test
        void anAsynchronousMethodWithoutRetriesLeftFailsWithFaultToleranceException() {
            try (WeldContainer container = Deployments.start(AsynchronousNullRetried.class)) {
                CompletableFuture<String> result =
                        container
                                .select(AsynchronousNullRetried.class)
                                .get()
                                .call(100)
                                .toCompletableFuture();

                assertThatThrownBy(() -> result.get(30, TimeUnit.SECONDS))
                        .cause()
                        .isExactlyInstanceOf(FaultToleranceException.class);
                assertThat(ATTEMPTS).hasValue(1 + 2);
            }
        }

        @Test
        void theSpecKeyReplacesThePredicate() {
            String key = NullRetried.class.getName() + "/call/RetryWhen/result";
            try (WeldContainer container =
                    Deployments.start(Map.of(key, IsEmpty.class.getName()), NullRetried.class)) {
                assertThat(container.select(NullRetried.class).get().call(3)).isNull();
                assertThat(ATTEMPTS).hasValue(1);
            }
        }
    }

    @Nested
    class ExceptionPredicate {

        @Test
        void theFailuresItMatchesAreRetriedAndOthersThrown() {
            try (WeldContainer container = Deployments.start(IllegalStateRetried.class)) {
                IllegalStateRetried bean = container.select(IllegalStateRetried.class).get();

                assertThatThrownBy(() -> bean.call(new IllegalArgumentException("not retried")))
                        .hasMessage("not retried");
                assertThat(ATTEMPTS).hasValue(3);
            }
        }

        @Test
        void theKebabKeyReplacesThePredicate() {
            String key =
                    "quarkus.fault-tolerance.\""
                            + IllegalStateRetried.class.getName()
                            + "/call\".retry-when.exception";
            try (WeldContainer container =
                    Deployments.start(
                            Map.of(key, IsIllegalArgument.class.getName()),
                            IllegalStateRetried.class)) {
                IllegalStateRetried bean = container.select(IllegalStateRetried.class).get();

                assertThatThrownBy(() -> bean.call(new IllegalArgumentException("last")))
                        .isExactlyInstanceOf(IllegalStateException.class);
                assertThat(ATTEMPTS).hasValue(1);
            }
        }
    }

    @Nested
    class BeforeRetryAction {

        @Test
        void theMethodRunsBeforeEachRetryButNotBeforeTheFirstAttempt() {
            try (WeldContainer container = Deployments.start(MethodBeforeRetryBean.class)) {
                MethodBeforeRetryBean bean = container.select(MethodBeforeRetryBean.class).get();

                assertThatThrownBy(bean::call).isInstanceOf(IOException.class);

                assertThat(ATTEMPTS).hasValue(4);
                assertThat(EVENTS)
                        .containsExactly(
                                "reset after attempt 1",
                                "reset after attempt 2",
                                "reset after attempt 3");
            }
        }

        @Test
        void aCallThatSucceedsAtOnceRunsNoAction() {
            try (WeldContainer container = Deployments.start(NullRetried.class)) {
                container.select(NullRetried.class).get().call(1);

                assertThat(EVENTS).isEmpty();
            }
        }

        @Test
        void eachRetryGetsANewHandlerWithInjectionAndTheCallsMethodArgumentsAndLastFailure() {
            try (WeldContainer container =
                    Deployments.start(HandlerBeforeRetryBean.class, Recorder.class)) {
                HandlerBeforeRetryBean bean = container.select(HandlerBeforeRetryBean.class).get();

                assertThatThrownBy(() -> bean.call("order-7"))
                        .isInstanceOf(IllegalStateException.class);

                assertThat(EVENTS)
                        .containsExactly(
                                "call(order-7) after attempt 1", "call(order-7) after attempt 2");
                assertThat(HANDLERS).hasSize(2);
            }
        }

        @Test
        void anActionThatThrowsDoesNotEndTheRetries() {
            try (WeldContainer container = Deployments.start(ThrowingBeforeRetryBean.class)) {
                assertThat(container.select(ThrowingBeforeRetryBean.class).get().call())
                        .isEqualTo("attempt 3");
                assertThat(EVENTS).containsExactly("broken action", "broken action");
            }
        }

        @Test
        void theKebabKeyNamesTheMethod() {
            String key =
                    "smallrye.faulttolerance.\""
                            + MethodBeforeRetryBean.class.getName()
                            + "/call\".before-retry.method-name";
            try (WeldContainer container =
                    Deployments.start(Map.of(key, "otherReset"), MethodBeforeRetryBean.class)) {
                MethodBeforeRetryBean bean = container.select(MethodBeforeRetryBean.class).get();

                assertThatThrownBy(bean::call).isInstanceOf(IOException.class);
                assertThat(EVENTS).containsExactly("other reset", "other reset", "other reset");
            }
        }
    }

    @Nested
    class DefinitionErrors {

        @Test
        void retryWhenWithoutRetry() {
            assertThat(Deployments.definitionError(RetryWhenWithoutRetry.class))
                    .hasMessageContaining(
                            "@RetryWhen on "
                                    + RetryWhenWithoutRetry.class.getName()
                                    + ".call(): the"
                                    + " method has no @Retry; allowed: @RetryWhen only where @Retry applies");
        }

        @Test
        void beforeRetryWithoutRetry() {
            assertThat(Deployments.definitionError(BeforeRetryWithoutRetry.class))
                    .hasMessageContaining(
                            "@BeforeRetry on "
                                    + BeforeRetryWithoutRetry.class.getName()
                                    + ".call():"
                                    + " the method has no @Retry; allowed: @BeforeRetry only where @Retry applies");
        }

        @Test
        void anExceptionPredicateNextToRetryOn() {
            assertThat(Deployments.definitionError(ExceptionPredicateAndRetryOn.class))
                    .hasMessageContaining(
                            "@RetryWhen on "
                                    + ExceptionPredicateAndRetryOn.class.getName()
                                    + ".call(): exception = "
                                    + IsIllegalState.class.getName()
                                    + " (annotation) is set next to"
                                    + " the @Retry's retryOn = {java.io.IOException} (annotation); allowed: either an"
                                    + " exception predicate or @Retry's retryOn and abortOn, not both");
        }

        @Test
        void anExceptionPredicateNextToAnAbortOnFromConfig() {
            String key = IllegalStateRetried.class.getName() + "/call/Retry/abortOn";
            assertThat(
                            Deployments.definitionError(
                                    Map.of(key, IOException.class.getName()),
                                    IllegalStateRetried.class))
                    .hasMessageContaining(
                            "exception = "
                                    + IsIllegalState.class.getName()
                                    + " (annotation) is set next"
                                    + " to the @Retry's abortOn = java.io.IOException (config key "
                                    + key
                                    + ")");
        }

        @Test
        void aResultPredicateThatIsNoPredicate() {
            String key = NullRetried.class.getName() + "/call/RetryWhen/result";
            assertThat(
                            Deployments.definitionError(
                                    Map.of(key, String.class.getName()), NullRetried.class))
                    .hasMessageContaining(
                            "@RetryWhen on "
                                    + NullRetried.class.getName()
                                    + ".call(int): result ="
                                    + " java.lang.String (config key "
                                    + key
                                    + ") is not a class implementing"
                                    + " java.util.function.Predicate; allowed: a concrete java.util.function.Predicate class"
                                    + " with a public constructor without parameters");
        }

        @Test
        void aPredicateWithoutPublicConstructorWithoutParameters() {
            assertThat(Deployments.definitionError(PredicateWithoutConstructor.class))
                    .hasMessageContaining(
                            "@RetryWhen on "
                                    + PredicateWithoutConstructor.class.getName()
                                    + ".call(): result = "
                                    + NeedsArgument.class.getName()
                                    + " (annotation) has no public"
                                    + " constructor without parameters");
        }

        @Test
        void bothHandlerAndMethod() {
            assertThat(Deployments.definitionError(BothHandlerAndMethod.class))
                    .hasMessageContaining(
                            "@BeforeRetry on "
                                    + BothHandlerAndMethod.class.getName()
                                    + ".call(): value"
                                    + " = "
                                    + RecordingHandler.class.getName()
                                    + " (annotation) and methodName = reset"
                                    + " (annotation) are both set; allowed: one of them");
        }

        @Test
        void aMethodThatDoesNotExist() {
            assertThat(Deployments.definitionError(MissingMethod.class))
                    .hasMessageContaining(
                            "@BeforeRetry on "
                                    + MissingMethod.class.getName()
                                    + ".call(): methodName ="
                                    + " missing (annotation) names no method that can run before a retry; allowed: a method"
                                    + " of "
                                    + MissingMethod.class.getName()
                                    + " or its supertypes (private only in that"
                                    + " class, package-private only in its package) without parameters that returns void");
        }

        @Test
        void aMethodWithParametersOrAResult() {
            assertThat(Deployments.definitionError(UnusableMethods.class))
                    .hasMessageContaining(
                            "methodName = reset (annotation) names no method that can run before a"
                                    + " retry (found but not usable: ")
                    .hasMessageContaining("void " + UnusableMethods.class.getName() + ".reset(int)")
                    .hasMessageContaining(
                            "java.lang.String " + UnusableMethods.class.getName() + ".reset()");
        }

        @Test
        void aHandlerThatIsNoBeforeRetryHandler() {
            String key =
                    "quarkus.fault-tolerance.\""
                            + HandlerBeforeRetryBean.class.getName()
                            + "/call\".before-retry.value";
            assertThat(
                            Deployments.definitionError(
                                    Map.of(key, String.class.getName()),
                                    HandlerBeforeRetryBean.class,
                                    Recorder.class))
                    .hasMessageContaining(
                            "@BeforeRetry on "
                                    + HandlerBeforeRetryBean.class.getName()
                                    + ".call(String): value = java.lang.String (config key "
                                    + key
                                    + ") is not a class"
                                    + " implementing io.smallrye.faulttolerance.api.BeforeRetryHandler; allowed: a concrete"
                                    + " BeforeRetryHandler class");
        }

        @Test
        void aMisspelledMemberKeyNamesTheNearestMember() {
            String key =
                    "quarkus.fault-tolerance.\""
                            + NullRetried.class.getName()
                            + "/call\".retry-when.reslt";
            assertThat(
                            Deployments.definitionError(
                                    Map.of(key, IsEmpty.class.getName()), NullRetried.class))
                    .hasMessageContaining(
                            "config key "
                                    + key
                                    + " names no member \"reslt\" of @RetryWhen; did you mean"
                                    + " quarkus.fault-tolerance.\""
                                    + NullRetried.class.getName()
                                    + "/call\".retry-when.result?"
                                    + " allowed: enabled, exception, result");
        }

        @Test
        void everyMisuseIsReportedAtOnce() {
            assertThat(
                            Deployments.definitionError(
                                    RetryWhenWithoutRetry.class,
                                    BothHandlerAndMethod.class,
                                    MissingMethod.class))
                    .hasMessageStartingWith("3 fault tolerance definition errors:");
        }
    }

    public static final class IsNull implements Predicate<Object> {
        @Override
        public boolean test(Object result) {
            return result == null;
        }
    }

    public static final class IsEmpty implements Predicate<Object> {
        @Override
        public boolean test(Object result) {
            return "".equals(result);
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

    public static final class NeedsArgument implements Predicate<Object> {
        public NeedsArgument(String argument) {}

        @Override
        public boolean test(Object result) {
            return false;
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

    public static class CountingHandler implements BeforeRetryHandler {
        @Override
        public void handle(ExecutionContext context) {
            EVENTS.add("before retry");
        }
    }

    @ApplicationScoped
    public static class NullRetried {

        /** @return {@code null} until attempt {@code succeedAt} */
        @Retry(maxRetries = 4, jitter = 0)
        @RetryWhen(result = IsNull.class)
        public String call(int succeedAt) {
            int attempt = ATTEMPTS.incrementAndGet();
            return attempt < succeedAt ? null : "result of attempt " + attempt;
        }
    }

    @ApplicationScoped
    public static class AsynchronousNullRetried {

        @Asynchronous
        @Retry(maxRetries = 2, jitter = 0)
        @RetryWhen(result = IsNull.class)
        @BeforeRetry(CountingHandler.class)
        public CompletionStage<String> call(int succeedAt) {
            int attempt = ATTEMPTS.incrementAndGet();
            return CompletableFuture.completedFuture(
                    attempt < succeedAt ? null : "result of attempt " + attempt);
        }
    }

    @ApplicationScoped
    public static class IllegalStateRetried {

        /** Fails with IllegalStateException twice, then with {@code last}. */
        @Retry(maxRetries = 5, jitter = 0)
        @RetryWhen(exception = IsIllegalState.class)
        public void call(RuntimeException last) {
            if (ATTEMPTS.incrementAndGet() < 3) {
                throw new IllegalStateException("retried");
            }
            throw last;
        }
    }

    @ApplicationScoped
    public static class MethodBeforeRetryBean {

        @Retry(maxRetries = 3, jitter = 0)
        @BeforeRetry(methodName = "reset")
        public void call() throws IOException {
            throw new IOException("attempt " + ATTEMPTS.incrementAndGet());
        }

        void reset() {
            EVENTS.add("reset after attempt " + ATTEMPTS.get());
        }

        private void otherReset() {
            EVENTS.add("other reset");
        }
    }

    @ApplicationScoped
    public static class HandlerBeforeRetryBean {

        @Retry(maxRetries = 2, jitter = 0)
        @BeforeRetry(RecordingHandler.class)
        public void call(String order) {
            throw new IllegalStateException("attempt " + ATTEMPTS.incrementAndGet());
        }
    }

    @ApplicationScoped
    public static class ThrowingBeforeRetryBean {

        @Retry(maxRetries = 5, jitter = 0)
        @BeforeRetry(methodName = "broken")
        public String call() {
            int attempt = ATTEMPTS.incrementAndGet();
            if (attempt < 3) {
                throw new IllegalStateException("attempt " + attempt);
            }
            return "attempt " + attempt;
        }

        void broken() {
            EVENTS.add("broken action");
            throw new IllegalArgumentException("broken action");
        }
    }

    @ApplicationScoped
    public static class RetryWhenWithoutRetry {

        @RetryWhen(result = IsNull.class)
        public String call() {
            return null;
        }
    }

    @ApplicationScoped
    public static class BeforeRetryWithoutRetry {

        @BeforeRetry(methodName = "reset")
        public void call() {}

        void reset() {}
    }

    @ApplicationScoped
    public static class ExceptionPredicateAndRetryOn {

        @Retry(retryOn = IOException.class)
        @RetryWhen(exception = IsIllegalState.class)
        public void call() {}
    }

    @ApplicationScoped
    public static class PredicateWithoutConstructor {

        @Retry
        @RetryWhen(result = NeedsArgument.class)
        public String call() {
            return null;
        }
    }

    @ApplicationScoped
    public static class BothHandlerAndMethod {

        @Retry
        @BeforeRetry(value = RecordingHandler.class, methodName = "reset")
        public void call() {}

        void reset() {}
    }

    @ApplicationScoped
    public static class MissingMethod {

        @Retry
        @BeforeRetry(methodName = "missing")
        public void call() {}
    }

    @ApplicationScoped
    public static class UnusableMethods {

        @Retry
        @BeforeRetry(methodName = "reset")
        public void call() {}

        void reset(int times) {}

        String reset() {
            return "not void";
        }
    }
}
