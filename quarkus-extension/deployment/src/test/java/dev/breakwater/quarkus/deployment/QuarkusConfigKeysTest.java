package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.CircuitBreakerSnapshot;
import dev.breakwater.api.CircuitBreakers;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus's key grammar in application.properties, as applications written for the incumbent contain it:
 * {@code quarkus.fault-tolerance."<class>/<method>"}, {@code "<class>"} and {@code global} keys, the same under
 * {@code smallrye.faulttolerance.}, kebab-case members, units in lower case, profiles, and the precedence between
 * them and the spec's keys. Observed through the circuit breakers' snapshots and through behaviour. Quarkus does
 * not warn that the {@code quarkus.fault-tolerance} keys are unrecognized.
 */
class QuarkusConfigKeysTest {

    private static final String BREAKERS = Breakers.class.getName();
    private static final String RETRIED = Retried.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                                    Breakers.class,
                                                    BreakerOnClass.class,
                                                    BreakerOnClassToo.class,
                                                    Retried.class,
                                                    RetriedOnClass.class,
                                                    Slow.class,
                                                    FallsBack.class)
                                            .addAsResource(
                                                    new StringAsset(
                                                            String.join(
                                                                    "\n",
                                                                    // every breaker without a more
                                                                    // specific key
                                                                    "quarkus.fault-tolerance.global.circuit-breaker.success-threshold=3",
                                                                    "quarkus.fault-tolerance.global.circuit-breaker.request-volume-threshold=50",
                                                                    "smallrye.faulttolerance.global.circuit-breaker.request-volume-threshold=60",
                                                                    "CircuitBreaker/requestVolumeThreshold=70",
                                                                    // one method, with the keys it
                                                                    // beats
                                                                    "quarkus.fault-tolerance.\""
                                                                            + BREAKERS
                                                                            + "/byQuarkusKey\".circuit-breaker.request-volume-threshold=7",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + BREAKERS
                                                                            + "/byQuarkusKey\".circuit-breaker.failure-ratio=0.25",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + BREAKERS
                                                                            + "/byQuarkusKey\".circuit-breaker.delay=3",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + BREAKERS
                                                                            + "/byQuarkusKey\".circuit-breaker.delay-unit=seconds",
                                                                    "smallrye.faulttolerance.\""
                                                                            + BREAKERS
                                                                            + "/byQuarkusKey\".circuit-breaker.request-volume-threshold=100",
                                                                    BREAKERS
                                                                            + "/byQuarkusKey/CircuitBreaker/requestVolumeThreshold=200",
                                                                    "smallrye.faulttolerance.\""
                                                                            + BREAKERS
                                                                            + "/bySmallRyeKey\".circuit-breaker.request-volume-threshold=8",
                                                                    "smallrye.faulttolerance.\""
                                                                            + BREAKERS
                                                                            + "/bySmallRyeKey\".circuit-breaker.success-threshold=2",
                                                                    "smallrye.faulttolerance.\""
                                                                            + BREAKERS
                                                                            + "/bySmallRyeKey\".circuit-breaker.delay-unit=MINUTES",
                                                                    "smallrye.faulttolerance.\""
                                                                            + BREAKERS
                                                                            + "/bySmallRyeKey\".circuit-breaker.delay=1",
                                                                    BREAKERS
                                                                            + "/bySmallRyeKey/CircuitBreaker/requestVolumeThreshold=300",
                                                                    BREAKERS
                                                                            + "/bySpecKey/CircuitBreaker/requestVolumeThreshold=9",
                                                                    "%test.quarkus.fault-tolerance.\""
                                                                            + BREAKERS
                                                                            + "/byProfileKey\".circuit-breaker.request-volume-threshold=13",
                                                                    "%prod.quarkus.fault-tolerance.\""
                                                                            + BREAKERS
                                                                            + "/byProfileKey\".circuit-breaker.request-volume-threshold=99",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + BreakerOnClass.class
                                                                                    .getName()
                                                                            + "\".circuit-breaker.request-volume-threshold=11",
                                                                    "smallrye.faulttolerance.\""
                                                                            + BreakerOnClassToo
                                                                                    .class
                                                                                    .getName()
                                                                            + "\".circuit-breaker.request-volume-threshold=12",
                                                                    // retries
                                                                    "quarkus.fault-tolerance.\""
                                                                            + RETRIED
                                                                            + "/twice\".retry.max-retries=2",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + RETRIED
                                                                            + "/disabled\".retry.enabled=false",
                                                                    "smallrye.faulttolerance.\""
                                                                            + RetriedOnClass.class
                                                                                    .getName()
                                                                            + "\".retry.max-retries=3",
                                                                    // a timeout in seconds, written
                                                                    // as Quarkus users write units
                                                                    "quarkus.fault-tolerance.\""
                                                                            + Slow.class.getName()
                                                                            + "/call\".timeout.value=5",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + Slow.class.getName()
                                                                            + "/call\".timeout.unit=seconds",
                                                                    // fallbacks
                                                                    "quarkus.fault-tolerance.\""
                                                                            + FallsBack.class
                                                                                    .getName()
                                                                            + "/call\".fallback.fallback-method=second",
                                                                    "quarkus.fault-tolerance.\""
                                                                            + FallsBack.class
                                                                                    .getName()
                                                                            + "/onlyOnIo\".fallback.apply-on=java.io.IOException",
                                                                    // switches that belong to other
                                                                    // settings are accepted
                                                                    "quarkus.fault-tolerance.mp-compatibility=true",
                                                                    "quarkus.fault-tolerance.metrics.enabled=true")),
                                                    "application.properties"))
                    .setLogRecordPredicate(
                            record ->
                                    record.getMessage() != null
                                            && record.getMessage()
                                                    .contains("Unrecognized configuration key"))
                    .assertLogRecords(
                            records ->
                                    assertThat(records)
                                            .as("Quarkus's warnings about the keys above")
                                            .isEmpty());

    @Inject CircuitBreakers breakers;

    @Inject Retried retried;

    @Inject RetriedOnClass retriedOnClass;

    @Inject Slow slow;

    @Inject FallsBack fallsBack;

    private CircuitBreakerSnapshot breaker(Class<?> beanClass, String method) {
        return breakers.find(beanClass.getName() + "#" + method).orElseThrow();
    }

    @Test
    void aQuarkusMethodKeyBeatsTheSmallRyeAndSpecKeysOfTheMethodAndEveryGlobalKey() {
        CircuitBreakerSnapshot breaker = breaker(Breakers.class, "byQuarkusKey");
        assertThat(breaker.requestVolumeThreshold()).isEqualTo(7);
        assertThat(breaker.failureRatio()).isEqualTo(0.25);
        assertThat(breaker.delay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(breaker.successThreshold()).as("the global key").isEqualTo(3);
    }

    @Test
    void aSmallRyeMethodKeyBeatsTheSpecKeyOfTheMethod() {
        CircuitBreakerSnapshot breaker = breaker(Breakers.class, "bySmallRyeKey");
        assertThat(breaker.requestVolumeThreshold()).isEqualTo(8);
        assertThat(breaker.successThreshold()).isEqualTo(2);
        assertThat(breaker.delay()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theSpecMethodKeyBeatsEveryGlobalKey() {
        assertThat(breaker(Breakers.class, "bySpecKey").requestVolumeThreshold()).isEqualTo(9);
    }

    @Test
    void theQuarkusGlobalKeyBeatsTheSmallRyeAndSpecGlobalKeys() {
        assertThat(breaker(Breakers.class, "globalOnly").requestVolumeThreshold()).isEqualTo(50);
    }

    @Test
    void theActiveProfilesKeyApplies() {
        assertThat(breaker(Breakers.class, "byProfileKey").requestVolumeThreshold()).isEqualTo(13);
    }

    @Test
    void classKeysConfigureClassLevelAnnotations() {
        assertThat(breaker(BreakerOnClass.class, "call").requestVolumeThreshold()).isEqualTo(11);
        assertThat(breaker(BreakerOnClassToo.class, "call").requestVolumeThreshold()).isEqualTo(12);
    }

    @Test
    void retriesFollowTheirKeys() {
        assertThatThrownBy(retried::twice).isInstanceOf(IllegalStateException.class);
        assertThat(retried.attempts("twice")).isEqualTo(1 + 2);
        assertThatThrownBy(retried::disabled).isInstanceOf(IllegalStateException.class);
        assertThat(retried.attempts("disabled")).isEqualTo(1);
        assertThatThrownBy(retriedOnClass::call).isInstanceOf(IllegalStateException.class);
        assertThat(retriedOnClass.attempts()).isEqualTo(1 + 3);
    }

    @Test
    void aTimeoutInLowerCaseSecondsLetsASlowCallFinish() throws InterruptedException {
        assertThat(slow.call()).isEqualTo("finished");
    }

    @Test
    void fallbackMembersFollowTheirKeys() {
        assertThat(fallsBack.call()).isEqualTo("second");
        assertThatThrownBy(fallsBack::onlyOnIo)
                .as("an IllegalStateException is not an IOException")
                .isInstanceOf(IllegalStateException.class);
    }

    @ApplicationScoped
    static class Breakers {
        @CircuitBreaker
        String byQuarkusKey() {
            return "ok";
        }

        @CircuitBreaker
        String bySmallRyeKey() {
            return "ok";
        }

        @CircuitBreaker
        String bySpecKey() {
            return "ok";
        }

        @CircuitBreaker
        String globalOnly() {
            return "ok";
        }

        @CircuitBreaker
        String byProfileKey() {
            return "ok";
        }
    }

    @ApplicationScoped
    @CircuitBreaker
    static class BreakerOnClass {
        String call() {
            return "ok";
        }
    }

    @ApplicationScoped
    @CircuitBreaker
    static class BreakerOnClassToo {
        String call() {
            return "ok";
        }
    }

    @ApplicationScoped
    static class Retried {
        private final AtomicInteger twice = new AtomicInteger();
        private final AtomicInteger disabled = new AtomicInteger();

        @Retry(maxRetries = 0, jitter = 0)
        void twice() {
            twice.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        @Retry(maxRetries = 4, jitter = 0)
        void disabled() {
            disabled.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int attempts(String method) {
            return method.equals("twice") ? twice.get() : disabled.get();
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 0, jitter = 0)
    static class RetriedOnClass {
        private final AtomicInteger attempts = new AtomicInteger();

        void call() {
            attempts.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int attempts() {
            return attempts.get();
        }
    }

    @ApplicationScoped
    static class Slow {
        @Timeout(1)
        String call() throws InterruptedException {
            // Under the annotation's 1 ms this wait would be interrupted; under the configured 5 s
            // it finishes.
            Thread.sleep(50);
            return "finished";
        }
    }

    @ApplicationScoped
    static class FallsBack {
        @Fallback(fallbackMethod = "first")
        String call() {
            throw new IllegalStateException("fails");
        }

        @Fallback(fallbackMethod = "first")
        String onlyOnIo() {
            throw new IllegalStateException("fails");
        }

        String first() {
            return "first";
        }

        String second() {
            return "second";
        }
    }
}
