package dev.breakwater.cdi;

import static dev.breakwater.cdi.Deployments.definitionError;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every invalid parameter of every annotation fails the deployment, and the message tells the user what to fix
 * and where: the annotation, the bean class and method, the parameter, the value as written (and where it was
 * written: the annotation or a config key), and what the parameter allows.
 */
class InvalidDefinitionMessagesTest {

    /** How messages name an annotation on a method: {@code @Retry on com.acme.Bean.call()}. */
    private static String on(String annotation, Class<?> beanClass, String method) {
        return annotation + " on " + beanClass.getName() + "." + method;
    }

    private static String messageOf(Class<?>... beanClasses) {
        return definitionError(beanClasses).getMessage();
    }

    private static String messageOf(Map<String, String> config, Class<?>... beanClasses) {
        return definitionError(config, beanClasses).getMessage();
    }

    @Nested
    class TimeoutRules {

        @Test
        void valueMustNotBeNegative() {
            assertThat(messageOf(NegativeTimeout.class))
                    .contains(on("@Timeout", NegativeTimeout.class, "call()"))
                    .contains("value = -1 (annotation) is invalid")
                    .contains("allowed: 0 or more");
        }

        @Test
        void aValueTooLongToMeasureInNanosecondsIsRejected() {
            assertThat(messageOf(TimeoutBeyondMeasure.class))
                    .contains(
                            on("@Timeout", TimeoutBeyondMeasure.class, "call()")
                                    + ": value = 9223372036854775807"
                                    + " (annotation) with unit = DAYS (annotation) is not a duration Breakwater can measure")
                    .contains(
                            "allowed: an exact unit from NANOS to DAYS and a value that fits in"
                                    + " 9223372036854775807 nanoseconds");
        }
    }

    @Nested
    class RetryRules {

        @Test
        void maxRetriesMustBeMinusOneOrMore() {
            assertThat(messageOf(RetryMaxRetriesMinusTwo.class))
                    .contains(on("@Retry", RetryMaxRetriesMinusTwo.class, "call()"))
                    .contains("maxRetries = -2 (annotation) is invalid")
                    .contains("allowed: -1 (no limit) or more");
        }

        @Test
        void delayMustNotBeNegative() {
            assertThat(messageOf(RetryNegativeDelay.class))
                    .contains(on("@Retry", RetryNegativeDelay.class, "call()"))
                    .contains("delay = -1 (annotation) is invalid")
                    .contains("allowed: 0 or more");
        }

        @Test
        void jitterMustNotBeNegative() {
            assertThat(messageOf(RetryNegativeJitter.class))
                    .contains(on("@Retry", RetryNegativeJitter.class, "call()"))
                    .contains("jitter = -1 (annotation) is invalid")
                    .contains("allowed: 0 or more");
        }

        @Test
        void maxDurationMustNotBeNegative() {
            assertThat(messageOf(RetryNegativeMaxDuration.class))
                    .contains(on("@Retry", RetryNegativeMaxDuration.class, "call()"))
                    .contains("maxDuration = -1 (annotation) is invalid")
                    .contains("allowed: 0 (no limit) or more");
        }

        // The units are compared ignoring case only because messages currently print
        // ChronoUnit.toString()
        // ("Millis") for annotation values instead of the constant's name ("MILLIS"); see the
        // report.

        @Test
        void maxDurationMustBeLongerThanDelay() {
            assertThat(messageOf(RetryMaxDurationShorterThanDelay.class))
                    .contains(on("@Retry", RetryMaxDurationShorterThanDelay.class, "call()"))
                    .contains(
                            "maxDuration = 500 (annotation) with durationUnit = MILLIS (annotation)"
                                    + " is not longer than delay = 1000 (annotation) with delayUnit = MILLIS (annotation)")
                    .contains("allowed: 0 (no limit) or a maxDuration longer than the delay");
        }

        @Test
        void maxDurationMustBeLongerThanDelayWhenTheUnitsDiffer() {
            assertThat(messageOf(RetryMaxDurationShorterThanDelayInOtherUnits.class))
                    .contains(
                            on(
                                    "@Retry",
                                    RetryMaxDurationShorterThanDelayInOtherUnits.class,
                                    "call()"))
                    .contains(
                            "maxDuration = 1500 (annotation) with durationUnit = MILLIS (annotation)"
                                    + " is not longer than delay = 2 (annotation) with delayUnit = SECONDS (annotation)")
                    .contains("allowed: 0 (no limit) or a maxDuration longer than the delay");
        }

        @Test
        void maxDurationEqualToDelayIsNotLonger() {
            assertThat(messageOf(RetryMaxDurationEqualToDelay.class))
                    .contains(on("@Retry", RetryMaxDurationEqualToDelay.class, "call()"))
                    .contains(
                            "maxDuration = 1000 (annotation) with durationUnit = MILLIS (annotation)"
                                    + " is not longer than delay = 1 (annotation) with delayUnit = SECONDS (annotation)")
                    .contains("allowed: 0 (no limit) or a maxDuration longer than the delay");
        }
    }

    @Nested
    class CircuitBreakerRules {

        @Test
        void delayMustNotBeNegative() {
            assertThat(messageOf(CircuitBreakerNegativeDelay.class))
                    .contains(on("@CircuitBreaker", CircuitBreakerNegativeDelay.class, "call()"))
                    .contains("delay = -1 (annotation) is invalid")
                    .contains("allowed: 0 or more");
        }

        @Test
        void requestVolumeThresholdMustBeAtLeastOne() {
            assertThat(messageOf(CircuitBreakerZeroRequestVolume.class))
                    .contains(
                            on("@CircuitBreaker", CircuitBreakerZeroRequestVolume.class, "call()"))
                    .contains("requestVolumeThreshold = 0 (annotation) is invalid")
                    .contains("allowed: 1 or more");
        }

        @Test
        void failureRatioMustNotBeBelowZero() {
            assertThat(messageOf(CircuitBreakerNegativeFailureRatio.class))
                    .contains(
                            on(
                                    "@CircuitBreaker",
                                    CircuitBreakerNegativeFailureRatio.class,
                                    "call()"))
                    .contains("failureRatio = -0.1 (annotation) is invalid")
                    .contains("allowed: 0 to 1 inclusive");
        }

        @Test
        void failureRatioMustNotBeAboveOne() {
            assertThat(messageOf(CircuitBreakerFailureRatioAboveOne.class))
                    .contains(
                            on(
                                    "@CircuitBreaker",
                                    CircuitBreakerFailureRatioAboveOne.class,
                                    "call()"))
                    .contains("failureRatio = 1.1 (annotation) is invalid")
                    .contains("allowed: 0 to 1 inclusive");
        }

        @Test
        void successThresholdMustBeAtLeastOne() {
            assertThat(messageOf(CircuitBreakerZeroSuccessThreshold.class))
                    .contains(
                            on(
                                    "@CircuitBreaker",
                                    CircuitBreakerZeroSuccessThreshold.class,
                                    "call()"))
                    .contains("successThreshold = 0 (annotation) is invalid")
                    .contains("allowed: 1 or more");
        }
    }

    @Nested
    class BulkheadRules {

        @Test
        void valueMustBeAtLeastOne() {
            assertThat(messageOf(BulkheadZeroValue.class))
                    .contains(on("@Bulkhead", BulkheadZeroValue.class, "call()"))
                    .contains("value = 0 (annotation) is invalid")
                    .contains("allowed: 1 or more");
        }

        @Test
        void waitingTaskQueueMustBeAtLeastOne() {
            assertThat(messageOf(BulkheadZeroQueue.class))
                    .contains(on("@Bulkhead", BulkheadZeroQueue.class, "call()"))
                    .contains("waitingTaskQueue = 0 (annotation) is invalid")
                    .contains("allowed: 1 or more");
        }
    }

    @Nested
    class AsynchronousRules {

        @Test
        void aVoidMethodIsRejected() {
            assertThat(messageOf(AsynchronousVoid.class))
                    .contains(
                            on("@Asynchronous", AsynchronousVoid.class, "call()")
                                    + ": the method returns void")
                    .contains(
                            "allowed: an @Asynchronous method returns java.util.concurrent.Future or"
                                    + " java.util.concurrent.CompletionStage");
        }

        @Test
        void methodMustReturnFutureOrCompletionStage() {
            assertThat(messageOf(AsynchronousString.class))
                    .contains(on("@Asynchronous", AsynchronousString.class, "call()"))
                    .contains("the method returns java.lang.String")
                    .contains(
                            "allowed: an @Asynchronous method returns java.util.concurrent.Future or"
                                    + " java.util.concurrent.CompletionStage");
        }
    }

    @Nested
    class FallbackRules {

        @Test
        void aHandlerOrAFallbackMethodMustBeSet() {
            assertThat(messageOf(FallbackWithNothing.class))
                    .contains(
                            on("@Fallback", FallbackWithNothing.class, "call()")
                                    + ": neither value nor fallbackMethod is set; allowed: exactly one of them");
        }

        @Test
        void valueAndFallbackMethodMustNotBothBeSet() {
            assertThat(messageOf(FallbackWithHandlerAndMethod.class))
                    .contains(on("@Fallback", FallbackWithHandlerAndMethod.class, "call(String)"))
                    .contains("value = " + StringHandler.class.getName() + " (annotation)")
                    .contains("fallbackMethod = fallback (annotation)")
                    .contains("are both set; allowed: one of them");
        }

        @Test
        void fallbackMethodMustExist() {
            assertThat(messageOf(FallbackMethodMissing.class))
                    .contains(on("@Fallback", FallbackMethodMissing.class, "call(String)"))
                    .contains(
                            "fallbackMethod = missing (annotation) names no method that can serve as the fallback")
                    .contains("allowed: a method of " + FallbackMethodMissing.class.getName())
                    .contains("with the parameter types (java.lang.String)")
                    .contains("a return type compatible with java.lang.String");
        }

        @Test
        void fallbackMethodMustTakeTheSameParameterTypes() {
            assertThat(messageOf(FallbackMethodWithOtherParameters.class))
                    .contains(
                            on(
                                    "@Fallback",
                                    FallbackMethodWithOtherParameters.class,
                                    "call(String)"))
                    .contains(
                            "fallbackMethod = fallback (annotation) names no method that can serve as the fallback")
                    .contains(
                            "found but not usable: public java.lang.String "
                                    + FallbackMethodWithOtherParameters.class.getName()
                                    + ".fallback(int)")
                    .contains("with the parameter types (java.lang.String)");
        }

        @Test
        void fallbackMethodMustReturnACompatibleType() {
            assertThat(messageOf(FallbackMethodWithOtherReturnType.class))
                    .contains(
                            on(
                                    "@Fallback",
                                    FallbackMethodWithOtherReturnType.class,
                                    "call(String)"))
                    .contains(
                            "fallbackMethod = fallback (annotation) names no method that can serve as the fallback")
                    .contains("a return type compatible with java.lang.String");
        }

        @Test
        void handlerMustHandleTheMethodsReturnType() {
            assertThat(messageOf(FallbackHandlerOfOtherType.class))
                    .contains(on("@Fallback", FallbackHandlerOfOtherType.class, "call(String)"))
                    .contains(
                            "value = "
                                    + IntegerHandler.class.getName()
                                    + " (annotation) handles"
                                    + " java.lang.Integer but the method returns java.lang.String")
                    .contains(
                            "allowed: a FallbackHandler whose type argument is the method's return type");
        }
    }

    @Nested
    class ConfigErrors {

        @Test
        void aValueThatIsNotANumberNamesTheConfigKey() {
            assertThat(messageOf(Map.of("Retry/maxRetries", "abc"), ValidRetry.class))
                    .contains(on("@Retry", ValidRetry.class, "call()"))
                    .contains("maxRetries = 'abc' (config key Retry/maxRetries) cannot be read")
                    .contains("allowed: a whole number");
        }

        @Test
        void aRatioThatIsNotANumberNamesTheConfigKey() {
            String key = ValidCircuitBreaker.class.getName() + "/call/CircuitBreaker/failureRatio";
            assertThat(messageOf(Map.of(key, "half"), ValidCircuitBreaker.class))
                    .contains(on("@CircuitBreaker", ValidCircuitBreaker.class, "call()"))
                    .contains("failureRatio = 'half' (config key " + key + ") cannot be read")
                    .contains("allowed: a decimal number");
        }

        @Test
        void anUnknownExceptionClassNamesTheConfigKey() {
            String key = ValidRetry.class.getName() + "/call/Retry/retryOn";
            assertThat(
                            messageOf(
                                    Map.of(key, "java.io.IOException,com.example.NoSuchException"),
                                    ValidRetry.class))
                    .contains(on("@Retry", ValidRetry.class, "call()"))
                    .contains(
                            "retryOn = 'java.io.IOException,com.example.NoSuchException' (config key "
                                    + key
                                    + ") cannot be read")
                    .contains("allowed: a comma-separated list of Throwable class names")
                    .contains("class com.example.NoSuchException is not found");
        }

        @Test
        void aClassThatIsNotAThrowableNamesTheConfigKey() {
            String key = ValidRetry.class.getName() + "/call/Retry/abortOn";
            assertThat(messageOf(Map.of(key, "java.lang.String"), ValidRetry.class))
                    .contains(on("@Retry", ValidRetry.class, "call()"))
                    .contains(
                            "abortOn = 'java.lang.String' (config key " + key + ") cannot be read")
                    .contains("allowed: a comma-separated list of Throwable class names")
                    .contains("java.lang.String is not a Throwable");
        }

        @Test
        void anUnknownUnitNameNamesTheConfigKey() {
            String key = ValidRetry.class.getName() + "/call/Retry/delayUnit";
            assertThat(messageOf(Map.of(key, "FORTNIGHTS"), ValidRetry.class))
                    .contains(on("@Retry", ValidRetry.class, "call()"))
                    .contains("delayUnit = 'FORTNIGHTS' (config key " + key + ") cannot be read")
                    .contains(
                            "allowed: a java.time.temporal.ChronoUnit name such as MILLIS or SECONDS");
        }

        @Test
        void aUnitWithoutAnExactDurationNamesTheConfigKey() {
            String key = ValidTimeout.class.getName() + "/call/Timeout/unit";
            assertThat(messageOf(Map.of(key, "FOREVER"), ValidTimeout.class))
                    .contains(on("@Timeout", ValidTimeout.class, "call()"))
                    .contains(
                            "value = 1000 (annotation) with unit = FOREVER (config key "
                                    + key
                                    + ")")
                    .contains("is not a duration Breakwater can measure")
                    .contains("allowed: an exact unit from NANOS to DAYS");
        }

        @Test
        void aValueOutOfRangeNamesTheConfigKey() {
            String key = ValidBulkhead.class.getName() + "/call/Bulkhead/value";
            assertThat(messageOf(Map.of(key, "0"), ValidBulkhead.class))
                    .contains(on("@Bulkhead", ValidBulkhead.class, "call()"))
                    .contains("value = 0 (config key " + key + ") is invalid")
                    .contains("allowed: 1 or more");
        }

        @Test
        void aFallbackMethodNamedInConfigMustExist() {
            String key = ValidFallback.class.getName() + "/call/Fallback/fallbackMethod";
            assertThat(messageOf(Map.of(key, "missing"), ValidFallback.class))
                    .contains(on("@Fallback", ValidFallback.class, "call()"))
                    .contains("fallbackMethod = missing (config key " + key + ") names no method");
        }
    }

    @Nested
    class ClassLevelAnnotations {

        @Test
        void anInvalidClassLevelAnnotationNamesTheClassItIsOnAndTheMethod() {
            assertThat(messageOf(InvalidClassLevelRetry.class))
                    .contains(
                            "@Retry (on class "
                                    + InvalidClassLevelRetry.class.getName()
                                    + ") on "
                                    + InvalidClassLevelRetry.class.getName()
                                    + ".call()")
                    .contains("maxRetries = -2 (annotation) is invalid");
        }
    }

    @Nested
    class ErrorsAreReportedTogether {

        @Test
        void twoInvalidMethodsOfOneBeanAreBothReportedInOneException() {
            assertThat(messageOf(TwoInvalidMethods.class))
                    .startsWith("2 fault tolerance definition errors:")
                    .contains(
                            on("@Timeout", TwoInvalidMethods.class, "first()")
                                    + ": value = -1 (annotation)")
                    .contains(
                            on("@Bulkhead", TwoInvalidMethods.class, "second()")
                                    + ": value = 0 (annotation)");
        }

        @Test
        void invalidMethodsOfTwoBeansAreBothReportedInOneException() {
            assertThat(messageOf(NegativeTimeout.class, BulkheadZeroValue.class))
                    .startsWith("2 fault tolerance definition errors:")
                    .contains(
                            on("@Timeout", NegativeTimeout.class, "call()")
                                    + ": value = -1 (annotation)")
                    .contains(
                            on("@Bulkhead", BulkheadZeroValue.class, "call()")
                                    + ": value = 0 (annotation)");
        }

        @Test
        void configErrorsAndAnnotationErrorsAreReportedTogether() {
            assertThat(
                            messageOf(
                                    Map.of("Retry/maxRetries", "abc"),
                                    ValidRetry.class,
                                    NegativeTimeout.class))
                    .startsWith("2 fault tolerance definition errors:")
                    .contains("maxRetries = 'abc' (config key Retry/maxRetries)")
                    .contains(
                            on("@Timeout", NegativeTimeout.class, "call()")
                                    + ": value = -1 (annotation)");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Beans with one invalid definition each.

    @ApplicationScoped
    public static class NegativeTimeout {
        @Timeout(-1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryMaxRetriesMinusTwo {
        @Retry(maxRetries = -2)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryNegativeDelay {
        @Retry(delay = -1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryNegativeJitter {
        @Retry(jitter = -1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryNegativeMaxDuration {
        @Retry(maxDuration = -1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryMaxDurationShorterThanDelay {
        @Retry(delay = 1000, maxDuration = 500)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryMaxDurationShorterThanDelayInOtherUnits {
        @Retry(
                delay = 2,
                delayUnit = ChronoUnit.SECONDS,
                maxDuration = 1500,
                durationUnit = ChronoUnit.MILLIS)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class RetryMaxDurationEqualToDelay {
        @Retry(
                delay = 1,
                delayUnit = ChronoUnit.SECONDS,
                maxDuration = 1000,
                durationUnit = ChronoUnit.MILLIS)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class CircuitBreakerNegativeDelay {
        @CircuitBreaker(delay = -1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class CircuitBreakerZeroRequestVolume {
        @CircuitBreaker(requestVolumeThreshold = 0)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class CircuitBreakerNegativeFailureRatio {
        @CircuitBreaker(failureRatio = -0.1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class CircuitBreakerFailureRatioAboveOne {
        @CircuitBreaker(failureRatio = 1.1)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class CircuitBreakerZeroSuccessThreshold {
        @CircuitBreaker(successThreshold = 0)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class BulkheadZeroValue {
        @Bulkhead(0)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class BulkheadZeroQueue {
        @Bulkhead(waitingTaskQueue = 0)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class TimeoutBeyondMeasure {
        @Timeout(value = Long.MAX_VALUE, unit = ChronoUnit.DAYS)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class AsynchronousVoid {
        @Asynchronous
        public void call() {}
    }

    @ApplicationScoped
    public static class FallbackWithNothing {
        @Fallback
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class AsynchronousString {
        @Asynchronous
        public String call() {
            return "";
        }
    }

    public static class StringHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "handled";
        }
    }

    public static class IntegerHandler implements FallbackHandler<Integer> {
        @Override
        public Integer handle(ExecutionContext context) {
            return 0;
        }
    }

    @ApplicationScoped
    public static class FallbackWithHandlerAndMethod {
        @Fallback(value = StringHandler.class, fallbackMethod = "fallback")
        public String call(String name) {
            return name;
        }

        public String fallback(String name) {
            return name;
        }
    }

    @ApplicationScoped
    public static class FallbackMethodMissing {
        @Fallback(fallbackMethod = "missing")
        public String call(String name) {
            return name;
        }
    }

    @ApplicationScoped
    public static class FallbackMethodWithOtherParameters {
        @Fallback(fallbackMethod = "fallback")
        public String call(String name) {
            return name;
        }

        public String fallback(int name) {
            return String.valueOf(name);
        }
    }

    @ApplicationScoped
    public static class FallbackMethodWithOtherReturnType {
        @Fallback(fallbackMethod = "fallback")
        public String call(String name) {
            return name;
        }

        public Integer fallback(String name) {
            return name.length();
        }
    }

    @ApplicationScoped
    public static class FallbackHandlerOfOtherType {
        @Fallback(IntegerHandler.class)
        public String call(String name) {
            return name;
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = -2)
    public static class InvalidClassLevelRetry {
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class TwoInvalidMethods {
        @Timeout(-1)
        public String first() {
            return "";
        }

        @Bulkhead(0)
        public String second() {
            return "";
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Valid beans that config makes invalid.

    @ApplicationScoped
    public static class ValidRetry {
        @Retry
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class ValidCircuitBreaker {
        @CircuitBreaker
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class ValidTimeout {
        @Timeout
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class ValidBulkhead {
        @Bulkhead
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    public static class ValidFallback {
        @Fallback(fallbackMethod = "fallback")
        public String call() {
            return "";
        }

        public String fallback() {
            return "fallback";
        }
    }
}
