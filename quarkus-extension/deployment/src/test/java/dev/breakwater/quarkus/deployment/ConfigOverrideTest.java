package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spec's config keys work in application.properties, with Quarkus profiles: the {@code %test.} value wins over
 * the {@code %prod.} one under test, and the enabled switches turn annotations off.
 */
class ConfigOverrideTest {

    private static final String SERVICE = ConfigOverrideTest.Service.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(Service.class)
                                            .addAsResource(
                                                    new StringAsset(
                                                            String.join(
                                                                    "\n",
                                                                    "%test."
                                                                            + SERVICE
                                                                            + "/retried/Retry/maxRetries=4",
                                                                    "%prod."
                                                                            + SERVICE
                                                                            + "/retried/Retry/maxRetries=0",
                                                                    SERVICE + "/Retry/maxRetries=1",
                                                                    "Timeout/enabled=false",
                                                                    "MP_Fault_Tolerance_NonFallback_Enabled=true",
                                                                    SERVICE
                                                                            + "/withoutFallback/Fallback/enabled=false")),
                                                    "application.properties"));

    @Inject Service service;

    @Test
    void methodKeyOfTheActiveProfileWins() {
        assertThatThrownBy(service::retried).isInstanceOf(IllegalStateException.class);
        assertThat(service.retriedAttempts()).isEqualTo(5);
    }

    @Test
    void classKeyAppliesToAClassLevelAnnotation() {
        assertThatThrownBy(service::classLevelRetry).isInstanceOf(IllegalStateException.class);
        assertThat(service.classLevelAttempts()).isEqualTo(2);
    }

    @Test
    void globalEnabledSwitchTurnsTimeoutOff() throws InterruptedException {
        assertThat(service.slowerThanItsTimeout()).isEqualTo("not timed out");
    }

    @Test
    void methodEnabledSwitchTurnsFallbackOff() {
        assertThatThrownBy(service::withoutFallback).isInstanceOf(IllegalStateException.class);
    }

    @ApplicationScoped
    @Retry(maxRetries = 0)
    static class Service {
        private final AtomicInteger retried = new AtomicInteger();
        private final AtomicInteger classLevel = new AtomicInteger();

        @Retry(maxRetries = 0)
        void retried() {
            retried.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int retriedAttempts() {
            return retried.get();
        }

        void classLevelRetry() {
            classLevel.incrementAndGet();
            throw new IllegalStateException("fails");
        }

        int classLevelAttempts() {
            return classLevel.get();
        }

        @Timeout(1)
        @Retry(maxRetries = 0)
        String slowerThanItsTimeout() throws InterruptedException {
            // Without the timeout nothing interrupts this wait; with it the call would fail after 1
            // ms.
            Thread.sleep(50);
            return "not timed out";
        }

        @Fallback(fallbackMethod = "fallback")
        @Retry(maxRetries = 0)
        void withoutFallback() {
            throw new IllegalStateException("fails");
        }

        void fallback() {}
    }
}
