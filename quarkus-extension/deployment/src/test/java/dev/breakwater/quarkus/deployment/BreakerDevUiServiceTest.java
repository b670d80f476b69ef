package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.api.RateLimiters;
import dev.breakwater.quarkus.devui.BreakerDevUiService;
import dev.breakwater.quarkus.devui.BreakerDevUiService.BreakerView;
import dev.breakwater.quarkus.devui.BreakerDevUiService.RateLimiterView;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Dev UI's JSON-RPC service over the real breakers and rate limiters of an application: what it shows and what
 * it does.
 */
class BreakerDevUiServiceTest {

    private static final String NAME = "inventory";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Inventory.class, Quota.class));

    @Inject CircuitBreakers breakers;

    @Inject Inventory inventory;

    @Inject RateLimiters limiters;

    @Inject Quota quota;

    private BreakerDevUiService service;

    @BeforeEach
    void startClosed() {
        // The service is a bean only in dev mode; over the same CircuitBreakers it behaves the
        // same.
        service = new BreakerDevUiService(breakers, limiters);
        breakers.resetAll();
    }

    @Test
    void showsEachBreakerWithItsMethodsAndCounters() {
        inventory.count();

        assertThat(service.breakers())
                .singleElement()
                .satisfies(
                        view -> {
                            assertThat(view.name()).isEqualTo(NAME);
                            assertThat(view.state()).isEqualTo("CLOSED");
                            assertThat(view.methods())
                                    .containsExactly(Inventory.class.getName() + ".count()");
                            assertThat(view.succeeded()).isEqualTo(1);
                            assertThat(view.timesOpened()).isZero();
                        });
    }

    @Test
    void actionsChangeTheBreakerAndAnswerWithTheNewState() {
        assertThat(service.forceOpen(NAME)).extracting(BreakerView::state).containsExactly("OPEN");
        assertThat(breakers.find(NAME).orElseThrow().state()).isEqualTo(BreakerState.OPEN);

        assertThat(service.forceClosed(NAME))
                .extracting(BreakerView::state)
                .containsExactly("CLOSED");

        service.forceOpen(NAME);
        assertThat(service.reset(NAME))
                .singleElement()
                .satisfies(
                        view -> {
                            assertThat(view.state()).isEqualTo("CLOSED");
                            assertThat(view.timesOpened())
                                    .as("reset puts the counts back to zero")
                                    .isZero();
                        });
    }

    @Test
    void aBreakerHeldClosedOrDisabledIsShownAsSuch() {
        assertThat(service.holdClosed(NAME))
                .extracting(BreakerView::state)
                .containsExactly("HELD_CLOSED");
        assertThat(breakers.find(NAME).orElseThrow().state()).isEqualTo(BreakerState.HELD_CLOSED);

        assertThat(service.disable(NAME))
                .extracting(BreakerView::state)
                .containsExactly("DISABLED");
        assertThat(breakers.state(NAME)).isEqualTo(BreakerState.DISABLED);

        assertThat(service.forceClosed(NAME))
                .extracting(BreakerView::state)
                .containsExactly("CLOSED");
    }

    @Test
    void aBreakerHeldOpenIsShownAsHeldOpen() {
        assertThat(service.holdOpen(NAME))
                .extracting(BreakerView::state)
                .containsExactly("HELD_OPEN");
        assertThat(breakers.find(NAME).orElseThrow().state()).isEqualTo(BreakerState.HELD_OPEN);
        assertThat(service.breakers()).extracting(BreakerView::state).containsExactly("HELD_OPEN");

        assertThat(service.forceClosed(NAME))
                .extracting(BreakerView::state)
                .containsExactly("CLOSED");
    }

    @Test
    void showsEachRateLimiterWithItsLimitPermitsLeftAndCountsAsThePageReadsThem() throws Exception {
        quota.take();
        assertThatThrownBy(quota::take).isInstanceOf(RateLimitException.class);

        assertThat(service.rateLimiters())
                .containsExactly(
                        new RateLimiterView(
                                Quota.class.getName() + ".take()",
                                1,
                                3_600_000,
                                0,
                                "ROLLING",
                                0,
                                1,
                                1,
                                ""));
        assertThat(new ObjectMapper().writeValueAsString(service.rateLimiters()))
                .isEqualTo(
                        "[{\"method\":\""
                                + Quota.class.getName()
                                + ".take()\",\"limit\":1,\"windowMillis\":3600000,\"minSpacingMillis\":0,"
                                + "\"type\":\"ROLLING\",\"permitsLeft\":0,\"permitted\":1,\"rejected\":1,"
                                + "\"fleet\":\"\"}]");
    }

    @Test
    void unknownNamesFailAsInTheControlApi() {
        assertThatThrownBy(() -> service.forceOpen("nothing"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ApplicationScoped
    static class Quota {
        @RateLimit(
                value = 1,
                window = 1,
                windowUnit = ChronoUnit.HOURS,
                type = io.smallrye.faulttolerance.api.RateLimitType.ROLLING)
        void take() {}
    }

    @ApplicationScoped
    static class Inventory {
        @CircuitBreaker(requestVolumeThreshold = 2, delay = 1, delayUnit = ChronoUnit.HOURS)
        @BreakerName(NAME)
        int count() {
            return 3;
        }
    }
}
