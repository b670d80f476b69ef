package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SmallRye's API on Quarkus: {@code @RateLimit} alone binds the interceptor and refuses with exactly
 * {@link RateLimitException}; a backoff annotation modifies the {@code @Retry} next to it, with its parameters read
 * through the kebab-case keys; a custom backoff paces asynchronous retries too. Windows and delays are an hour long,
 * so refusals are counted, not timed.
 */
@org.junit.jupiter.api.Timeout(60)
class SmallRyeApiTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Limited.class, Recording.class))
                    .overrideConfigKey(
                            "quarkus.fault-tolerance.\""
                                    + Limited.class.getName()
                                    + "/configured\".rate-limit.value",
                            "3");

    @Inject Limited limited;

    @Test
    void aRateLimitPermitsValueCallsThenRefusesWithRateLimitExceptionItself() {
        assertThat(limited.twice()).isEqualTo(1);
        assertThat(limited.twice()).isEqualTo(2);

        Throwable refusal = thrown(limited::twice);

        assertThat(refusal.getClass()).isEqualTo(RateLimitException.class);
        assertThat(((RateLimitException) refusal).getRetryAfterMillis()).isPositive();
    }

    @Test
    void theKebabKeyOverridesTheRateLimitValue() {
        for (int i = 1; i <= 3; i++) {
            assertThat(limited.configured()).isEqualTo(i);
        }
        assertThat(thrown(limited::configured).getClass()).isEqualTo(RateLimitException.class);
    }

    @Test
    void aCustomBackoffIsAskedBeforeEachRetry() {
        EVENTS.clear();

        assertThatThrownBy(limited::retried).isInstanceOf(IllegalStateException.class);

        assertThat(EVENTS).containsExactly("init 4", "next", "next");
    }

    @Test
    void aCustomBackoffPacesTheRetriesOfAUniWithThePausesItAnswers() {
        EVENTS.clear();

        // The strategy answers 0 for each pause, in place of the retry's delay of an hour.
        String result = limited.retriedUni().await().atMost(Duration.ofSeconds(30));

        assertThat(result).isEqualTo("attempt 3");
        assertThat(EVENTS).containsExactly("init 3600000", "next", "next");
    }

    private static Throwable thrown(Runnable call) {
        try {
            call.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    public static class Recording implements CustomBackoffStrategy {

        @Override
        public void init(long initialDelayInMillis) {
            EVENTS.add("init " + initialDelayInMillis);
        }

        @Override
        public long nextDelayInMillis(Throwable cause) {
            EVENTS.add("next");
            return 0;
        }
    }

    @ApplicationScoped
    public static class Limited {
        private final AtomicInteger twice = new AtomicInteger();
        private final AtomicInteger configured = new AtomicInteger();
        private final AtomicInteger uniAttempts = new AtomicInteger();

        @RateLimit(value = 2, window = 1, windowUnit = ChronoUnit.HOURS)
        public int twice() {
            return twice.incrementAndGet();
        }

        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        public int configured() {
            return configured.incrementAndGet();
        }

        @Retry(maxRetries = 2, delay = 4, jitter = 0)
        @CustomBackoff(Recording.class)
        public void retried() {
            throw new IllegalStateException("fails every time");
        }

        @Retry(
                maxRetries = 2,
                delay = 1,
                delayUnit = ChronoUnit.HOURS,
                maxDuration = 2,
                durationUnit = ChronoUnit.HOURS,
                jitter = 0)
        @CustomBackoff(Recording.class)
        public Uni<String> retriedUni() {
            int attempt = uniAttempts.incrementAndGet();
            return attempt < 3
                    ? Uni.createFrom().failure(new IllegalStateException("attempt " + attempt))
                    : Uni.createFrom().item("attempt " + attempt);
        }
    }
}
