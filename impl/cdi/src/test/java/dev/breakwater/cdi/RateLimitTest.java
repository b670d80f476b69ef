package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.breakwater.api.RateLimiterSnapshot;
import dev.breakwater.api.RateLimiters;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * SmallRye's {@code @RateLimit} on Weld, as SmallRye documents it: {@code value} calls per {@code window}, a
 * refused call gets exactly {@link RateLimitException} with the time to wait, a retry attempt counts as a call, and
 * config overrides {@code value} through the spec's key and the kebab-case key. Every window here is an hour, so
 * that no test can cross one: refusals are counted, not timed.
 */
class RateLimitTest {

    private static final String LIMITED = TwoPerHour.class.getName() + "/call";

    @Test
    void permitsValueCallsThenRefusesWithTheTimeToWait() {
        try (WeldContainer container = Deployments.start(TwoPerHour.class)) {
            TwoPerHour bean = container.select(TwoPerHour.class).get();
            assertThat(bean.call()).isEqualTo(1);
            assertThat(bean.call()).isEqualTo(2);

            Throwable refused = catchThrowable(bean::call);

            assertThat(refused).isExactlyInstanceOf(RateLimitException.class);
            assertThat(((RateLimitException) refused).getRetryAfterMillis()).isPositive();
            assertThat(refused.getMessage()).contains(TwoPerHour.class.getName() + ".call()");
            assertThat(bean.calls()).isEqualTo(2);
        }
    }

    @Test
    void theRateLimitersBeanShowsEachLimitWithItsPermitsLeftAndItsCounts() {
        try (WeldContainer container = Deployments.start(TwoPerHour.class)) {
            TwoPerHour bean = container.select(TwoPerHour.class).get();
            RateLimiters limiters = container.select(RateLimiters.class).get();
            assertThat(limiters.list())
                    .singleElement()
                    .extracting(RateLimiterSnapshot::permitsLeft)
                    .isEqualTo(2);

            bean.call();
            bean.call();
            catchThrowable(bean::call);

            assertThat(limiters.list())
                    .containsExactly(
                            new RateLimiterSnapshot(
                                    TwoPerHour.class.getName() + ".call()",
                                    2,
                                    Duration.ofHours(1),
                                    Duration.ZERO,
                                    "FIXED",
                                    0,
                                    2,
                                    1));
        }
    }

    @Test
    void anAsynchronousRefusalIsAFailedStageAlready() {
        try (WeldContainer container = Deployments.start(OnePerHourAsync.class)) {
            OnePerHourAsync bean = container.select(OnePerHourAsync.class).get();
            assertThat(bean.call().toCompletableFuture().join()).isEqualTo("ran");

            CompletableFuture<String> refused = bean.call().toCompletableFuture();

            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isExactlyInstanceOf(RateLimitException.class);
        }
    }

    @Test
    void everyRetryAttemptAsksTheLimiter() {
        try (WeldContainer container = Deployments.start(RetriedUnderLimit.class)) {
            RetriedUnderLimit bean = container.select(RetriedUnderLimit.class).get();

            assertThatThrownBy(bean::call).isExactlyInstanceOf(RateLimitException.class);

            assertThat(bean.attempts()).isEqualTo(3);
        }
    }

    @Test
    void theSpecKeyOverridesValue() {
        assertThat(admittedOfFive(Map.of(LIMITED + "/RateLimit/value", "4"))).isEqualTo(4);
    }

    @Test
    void theKebabKeyOverridesValue() {
        assertThat(
                        admittedOfFive(
                                Map.of(
                                        "smallrye.faulttolerance.\""
                                                + LIMITED
                                                + "\".rate-limit.value",
                                        "3")))
                .isEqualTo(3);
    }

    @Test
    void theEnabledSwitchTurnsTheLimitOff() {
        assertThat(admittedOfFive(Map.of(LIMITED + "/RateLimit/enabled", "false"))).isEqualTo(5);
    }

    @Test
    void anInvalidValueIsADefinitionErrorNamingItsSource() {
        assertThat(
                        Deployments.definitionError(
                                Map.of(LIMITED + "/RateLimit/value", "0"), TwoPerHour.class))
                .hasMessageContaining(
                        "@RateLimit on "
                                + TwoPerHour.class.getName()
                                + ".call(): value = 0 (config key "
                                + LIMITED
                                + "/RateLimit/value) is invalid; allowed: 1 or more");
    }

    @Test
    void anUnreadableTypeIsADefinitionError() {
        assertThat(
                        Deployments.definitionError(
                                Map.of(LIMITED + "/RateLimit/type", "sliding"), TwoPerHour.class))
                .hasMessageContaining(
                        "type = 'sliding' (config key "
                                + LIMITED
                                + "/RateLimit/type) cannot be read; allowed: one of FIXED, ROLLING, SMOOTH, in any case");
    }

    @Test
    void aMisspelledKebabMemberIsReportedWithTheNearestSpelling() {
        assertThat(
                        Deployments.definitionError(
                                Map.of(
                                        "smallrye.faulttolerance.\""
                                                + LIMITED
                                                + "\".rate-limit.valeu",
                                        "3"),
                                TwoPerHour.class))
                .hasMessageContaining("rate-limit.valeu")
                .hasMessageContaining("value");
    }

    private static int admittedOfFive(Map<String, String> config) {
        try (WeldContainer container = Deployments.start(config, TwoPerHour.class)) {
            TwoPerHour bean = container.select(TwoPerHour.class).get();
            for (int i = 0; i < 5; i++) {
                try {
                    bean.call();
                } catch (RateLimitException refused) {
                    // counted below: the bean saw only the admitted calls
                }
            }
            return bean.calls();
        }
    }

    @ApplicationScoped
    public static class TwoPerHour {
        final AtomicInteger calls = new AtomicInteger();

        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public int call() {
            return calls.incrementAndGet();
        }

        public int calls() {
            return calls.get();
        }
    }

    @ApplicationScoped
    public static class OnePerHourAsync {

        @Asynchronous
        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        public CompletionStage<String> call() {
            return CompletableFuture.completedFuture("ran");
        }
    }

    @ApplicationScoped
    public static class RetriedUnderLimit {
        final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 5, delay = 0, jitter = 0, abortOn = RateLimitException.class)
        @RateLimit(value = 3, window = 1, windowUnit = ChronoUnit.HOURS)
        public void call() {
            attempts.incrementAndGet();
            throw new IllegalStateException("fails every time");
        }

        public int attempts() {
            return attempts.get();
        }
    }
}
