package dev.breakwater.cdi;

import static dev.breakwater.cdi.Deployments.definitionError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.InvalidDefinitionMessagesTest.IntegerHandler;
import dev.breakwater.cdi.InvalidDefinitionMessagesTest.StringHandler;
import dev.breakwater.cdi.InvalidDefinitionMessagesTest.ValidBulkhead;
import dev.breakwater.cdi.InvalidDefinitionMessagesTest.ValidCircuitBreaker;
import dev.breakwater.cdi.InvalidDefinitionMessagesTest.ValidFallback;
import dev.breakwater.cdi.InvalidDefinitionMessagesTest.ValidRetry;
import dev.breakwater.cdi.InvalidDefinitionMessagesTest.ValidTimeout;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every parameter overridden through MicroProfile Config with a value of the wrong type or out of range fails the
 * deployment, and the message names the annotation, the bean class and method, the parameter, the value as
 * written, the config key it came from, and what is allowed. The same holds for the {@code enabled} switches and
 * the deployment-wide settings, which are never read as false because they are misspelt.
 */
class InvalidConfigValueMessagesTest {

    private static String on(String annotation, Class<?> beanClass) {
        return annotation + " on " + beanClass.getName() + ".call()";
    }

    private static String messageOf(Map<String, String> config, Class<?>... beanClasses) {
        return definitionError(config, beanClasses).getMessage();
    }

    private static String key(Class<?> beanClass, String annotationAndParameter) {
        return beanClass.getName() + "/call/" + annotationAndParameter;
    }

    @Nested
    class Timeout {

        @Test
        void aValueThatIsNotANumberIsRejected() {
            String key = key(ValidTimeout.class, "Timeout/value");
            assertThat(messageOf(Map.of(key, "1s"), ValidTimeout.class))
                    .contains(
                            on("@Timeout", ValidTimeout.class)
                                    + ": value = '1s' (config key "
                                    + key
                                    + ") cannot be read")
                    .contains(
                            "allowed: a whole number from -9223372036854775808 to 9223372036854775807");
        }

        @Test
        void aNegativeValueIsRejected() {
            assertThat(messageOf(Map.of("Timeout/value", "-5"), ValidTimeout.class))
                    .contains(
                            on("@Timeout", ValidTimeout.class)
                                    + ": value = -5 (config key Timeout/value)"
                                    + " is invalid; allowed: 0 or more");
        }

        @Test
        void aValueTooLongToMeasureIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of(
                                            "Timeout/value",
                                            "9223372036854775807",
                                            "Timeout/unit",
                                            "DAYS"),
                                    ValidTimeout.class))
                    .contains(
                            on("@Timeout", ValidTimeout.class)
                                    + ": value = 9223372036854775807 (config key"
                                    + " Timeout/value) with unit = DAYS (config key Timeout/unit) is not a duration"
                                    + " Breakwater can measure")
                    .contains(
                            "allowed: an exact unit from NANOS to DAYS and a value that fits in"
                                    + " 9223372036854775807 nanoseconds");
        }
    }

    @Nested
    class RetryParameters {

        @Test
        void maxRetriesBeyondTheRangeOfAnIntIsRejected() {
            assertThat(messageOf(Map.of("Retry/maxRetries", "3000000000"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": maxRetries = '3000000000' (config key"
                                    + " Retry/maxRetries) cannot be read")
                    .contains("allowed: a whole number from -2147483648 to 2147483647");
        }

        @Test
        void maxRetriesBelowMinusOneIsRejected() {
            assertThat(messageOf(Map.of("Retry/maxRetries", "-5"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": maxRetries = -5 (config key Retry/maxRetries)"
                                    + " is invalid; allowed: -1 (no limit) or more");
        }

        @Test
        void aNegativeDelayIsRejected() {
            assertThat(messageOf(Map.of("Retry/delay", "-1"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": delay = -1 (config key Retry/delay) is invalid;"
                                    + " allowed: 0 or more");
        }

        @Test
        void aFractionalJitterIsRejected() {
            assertThat(messageOf(Map.of("Retry/jitter", "1.5"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": jitter = '1.5' (config key Retry/jitter)"
                                    + " cannot be read")
                    .contains("allowed: a whole number from");
        }

        @Test
        void aMaxDurationNotLongerThanTheConfiguredDelayIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("Retry/delay", "5", "Retry/delayUnit", "MINUTES"),
                                    ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": maxDuration = 180000 (annotation) with"
                                    + " durationUnit = MILLIS (annotation) is not longer than delay = 5 (config key"
                                    + " Retry/delay) with delayUnit = MINUTES (config key Retry/delayUnit)")
                    .contains("allowed: 0 (no limit) or a maxDuration longer than the delay");
        }

        @Test
        void anUnknownDurationUnitIsRejected() {
            assertThat(messageOf(Map.of("Retry/durationUnit", "WEEK"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": durationUnit = 'WEEK' (config key"
                                    + " Retry/durationUnit) cannot be read")
                    .contains(
                            "allowed: a java.time.temporal.ChronoUnit name such as MILLIS or SECONDS");
        }

        @Test
        void anUnknownClassInRetryOnIsRejected() {
            assertThat(messageOf(Map.of("Retry/retryOn", "java.io.IOExceptoin"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": retryOn = 'java.io.IOExceptoin' (config key"
                                    + " Retry/retryOn) cannot be read")
                    .contains("allowed: a comma-separated list of Throwable class names")
                    .contains("class java.io.IOExceptoin is not found");
        }

        @Test
        void anInvalidOverrideOfAClassLevelAnnotationNamesTheClassKey() {
            String key = ClassLevelRetry.class.getName() + "/Retry/maxRetries";
            assertThat(messageOf(Map.of(key, "-3"), ClassLevelRetry.class))
                    .contains(
                            "@Retry (on class "
                                    + ClassLevelRetry.class.getName()
                                    + ") on "
                                    + ClassLevelRetry.class.getName()
                                    + ".call(): maxRetries = -3 (config key "
                                    + key
                                    + ")"
                                    + " is invalid; allowed: -1 (no limit) or more");
        }
    }

    @Nested
    class CircuitBreakerParameters {

        @Test
        void aNegativeDelayIsRejected() {
            assertThat(messageOf(Map.of("CircuitBreaker/delay", "-1"), ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": delay = -1 (config key"
                                    + " CircuitBreaker/delay) is invalid; allowed: 0 or more");
        }

        @Test
        void aZeroRequestVolumeThresholdIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("CircuitBreaker/requestVolumeThreshold", "0"),
                                    ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": requestVolumeThreshold = 0"
                                    + " (config key CircuitBreaker/requestVolumeThreshold) is invalid; allowed: 1 or more");
        }

        @Test
        void aFailureRatioAboveOneIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("CircuitBreaker/failureRatio", "1.5"),
                                    ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": failureRatio = 1.5 (config key"
                                    + " CircuitBreaker/failureRatio) is invalid; allowed: 0 to 1 inclusive");
        }

        @Test
        void aFailureRatioThatIsNotANumberIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("CircuitBreaker/failureRatio", "NaN"),
                                    ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": failureRatio = NaN (config key"
                                    + " CircuitBreaker/failureRatio) is invalid; allowed: 0 to 1 inclusive");
        }

        @Test
        void aNegativeSuccessThresholdIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("CircuitBreaker/successThreshold", "-1"),
                                    ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": successThreshold = -1 (config"
                                    + " key CircuitBreaker/successThreshold) is invalid; allowed: 1 or more");
        }

        @Test
        void anUnknownClassInFailOnIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("CircuitBreaker/failOn", "com.example.Gone"),
                                    ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": failOn = 'com.example.Gone'"
                                    + " (config key CircuitBreaker/failOn) cannot be read")
                    .contains("class com.example.Gone is not found");
        }

        @Test
        void aClassInSkipOnThatIsNotAThrowableIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("CircuitBreaker/skipOn", "java.lang.Integer"),
                                    ValidCircuitBreaker.class))
                    .contains(
                            on("@CircuitBreaker", ValidCircuitBreaker.class)
                                    + ": skipOn = 'java.lang.Integer'"
                                    + " (config key CircuitBreaker/skipOn) cannot be read")
                    .contains("java.lang.Integer is not a Throwable");
        }
    }

    @Nested
    class BulkheadParameters {

        @Test
        void aValueThatIsNotANumberIsRejected() {
            assertThat(messageOf(Map.of("Bulkhead/value", "ten"), ValidBulkhead.class))
                    .contains(
                            on("@Bulkhead", ValidBulkhead.class)
                                    + ": value = 'ten' (config key Bulkhead/value)"
                                    + " cannot be read; allowed: a whole number from -2147483648 to 2147483647");
        }

        @Test
        void aZeroWaitingTaskQueueIsRejected() {
            assertThat(messageOf(Map.of("Bulkhead/waitingTaskQueue", "0"), ValidBulkhead.class))
                    .contains(
                            on("@Bulkhead", ValidBulkhead.class)
                                    + ": waitingTaskQueue = 0 (config key"
                                    + " Bulkhead/waitingTaskQueue) is invalid; allowed: 1 or more");
        }
    }

    @Nested
    class FallbackParameters {

        @Test
        void aHandlerClassThatDoesNotExistIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("Fallback/value", "com.example.MissingHandler"),
                                    ValidFallback.class))
                    .contains(
                            on("@Fallback", ValidFallback.class)
                                    + ": value = 'com.example.MissingHandler'"
                                    + " (config key Fallback/value) cannot be read")
                    .contains(
                            "allowed: a fully qualified class name (class com.example.MissingHandler is not found)");
        }

        @Test
        void aHandlerThatIsNotAFallbackHandlerIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("Fallback/value", "java.lang.String"),
                                    HandlerFallback.class))
                    .contains(
                            on("@Fallback", HandlerFallback.class)
                                    + ": value = java.lang.String (config key"
                                    + " Fallback/value) does not implement"
                                    + " org.eclipse.microprofile.faulttolerance.FallbackHandler;"
                                    + " allowed: a FallbackHandler class");
        }

        @Test
        void aHandlerOfTheWrongTypeIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("Fallback/value", IntegerHandler.class.getName()),
                                    HandlerFallback.class))
                    .contains(
                            on("@Fallback", HandlerFallback.class)
                                    + ": value = "
                                    + IntegerHandler.class.getName()
                                    + " (config key Fallback/value) handles java.lang.Integer but the method returns"
                                    + " java.lang.String")
                    .contains(
                            "allowed: a FallbackHandler whose type argument is the method's return type");
        }

        @Test
        void aHandlerAddedByConfigBesideTheAnnotationsFallbackMethodIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("Fallback/value", StringHandler.class.getName()),
                                    ValidFallback.class))
                    .contains(
                            on("@Fallback", ValidFallback.class)
                                    + ": value = "
                                    + StringHandler.class.getName()
                                    + " (config key Fallback/value) and fallbackMethod = fallback (annotation) are both set;"
                                    + " allowed: one of them");
        }

        @Test
        void anUnknownClassInApplyOnIsRejected() {
            assertThat(
                            messageOf(
                                    Map.of("Fallback/applyOn", "com.example.Nope"),
                                    ValidFallback.class))
                    .contains(
                            on("@Fallback", ValidFallback.class)
                                    + ": applyOn = 'com.example.Nope' (config key"
                                    + " Fallback/applyOn) cannot be read")
                    .contains("class com.example.Nope is not found");
        }
    }

    @Nested
    class Switches {

        @Test
        void anEnabledSwitchThatIsNeitherTrueNorFalseIsRejected() {
            assertThat(messageOf(Map.of("Retry/enabled", "ture"), ValidRetry.class))
                    .contains(
                            on("@Retry", ValidRetry.class)
                                    + ": enabled = 'ture' (config key Retry/enabled)"
                                    + " cannot be read; allowed: true or false (also yes/no, y/n, on/off, 1/0)");
        }

        @Test
        void aMethodLevelEnabledSwitchNamesItsKey() {
            String key = key(ValidTimeout.class, "Timeout/enabled");
            assertThat(messageOf(Map.of(key, "nope"), ValidTimeout.class))
                    .contains(
                            on("@Timeout", ValidTimeout.class)
                                    + ": enabled = 'nope' (config key "
                                    + key
                                    + ")"
                                    + " cannot be read; allowed: true or false (also yes/no, y/n, on/off, 1/0)");
        }

        @Test
        void theNonFallbackSwitchMustBeTrueOrFalse() {
            assertThat(
                            messageOf(
                                    Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "of"),
                                    ValidRetry.class))
                    .contains(
                            "MP_Fault_Tolerance_NonFallback_Enabled = 'of' (config key"
                                    + " MP_Fault_Tolerance_NonFallback_Enabled) cannot be read; allowed: true or false (also yes/no, y/n, on/off, 1/0)");
        }

        @Test
        void theMetricsSwitchMustBeTrueOrFalse() {
            assertThat(
                            messageOf(
                                    Map.of("MP_Fault_Tolerance_Metrics_Enabled", "yes please"),
                                    ValidRetry.class))
                    .contains(
                            "MP_Fault_Tolerance_Metrics_Enabled = 'yes please' (config key"
                                    + " MP_Fault_Tolerance_Metrics_Enabled) cannot be read; allowed: true or false (also yes/no, y/n, on/off, 1/0)");
        }

        @Test
        void theInterceptorPriorityMustBeAWholeNumber() {
            assertThat(
                            messageOf(
                                    Map.of("mp.fault.tolerance.interceptor.priority", "high"),
                                    ValidRetry.class))
                    .contains(
                            "mp.fault.tolerance.interceptor.priority = 'high' (config key"
                                    + " mp.fault.tolerance.interceptor.priority) cannot be read; allowed: a whole number"
                                    + " from -2147483648 to 2147483647 (default 4010)");
        }

        @Test
        void switchesAcceptTheWordsMicroProfileConfigReadsAsBooleansInAnyCase() {
            try (var container =
                    Deployments.start(
                            Map.of(
                                    "Retry/enabled",
                                    "OFF",
                                    "Timeout/enabled",
                                    "Yes",
                                    "MP_Fault_Tolerance_NonFallback_Enabled",
                                    "1"),
                            ValidRetry.class,
                            ValidTimeout.class)) {
                assertThat(container.isRunning()).isTrue();
            }
        }
    }

    @ApplicationScoped
    public static class HandlerFallback {
        @Fallback(StringHandler.class)
        public String call() {
            return "";
        }
    }

    @ApplicationScoped
    @Retry
    public static class ClassLevelRetry {
        public String call() {
            return "";
        }
    }
}
