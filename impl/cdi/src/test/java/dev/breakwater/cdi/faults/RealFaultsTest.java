package dev.breakwater.cdi.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.api.BreakerName;
import dev.breakwater.api.BreakerState;
import dev.breakwater.api.CircuitBreakers;
import dev.breakwater.cdi.Deployments;
import dev.breakwater.cdi.faults.LoopbackHttpServer.Hang;
import dev.breakwater.cdi.faults.LoopbackHttpServer.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The annotations against real network faults: a bean calls a real HTTP server on the loopback interface through
 * {@link HttpClient}, and the server answers with errors, hangs, or resets the connection. What the tests count is
 * how often the server was reached, never how long anything took.
 */
@org.junit.jupiter.api.Timeout(60)
class RealFaultsTest {

    private WeldContainer container;
    private RemoteService remote;
    private LoopbackHttpServer http;

    @BeforeEach
    void start() throws IOException {
        http = new LoopbackHttpServer();
        container = Deployments.start(Map.of(), RemoteService.class);
        remote = container.select(RemoteService.class).get();
    }

    @AfterEach
    void stop() {
        container.close();
        http.close();
    }

    @Test
    void serverErrorsAreRetriedUntilTheServerAnswers() throws Exception {
        http.script(new Status(503), new Status(500), new Status(200));

        assertThat(remote.retried(http.uri())).isEqualTo("status 200");
        assertThat(http.hits()).isEqualTo(3);
    }

    @Test
    void afterMaxRetriesTheLastServerErrorIsThrown() {
        http.thenAlways(new Status(502));

        assertThatThrownBy(() -> remote.retried(http.uri()))
                .isInstanceOf(ServerError.class)
                .hasMessage("HTTP 502");
        assertThat(http.hits()).as("the first attempt and 3 retries").isEqualTo(4);
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutOnEveryAttempt() {
        http.thenAlways(new Hang());

        assertThatThrownBy(() -> remote.slow(http.uri())).isInstanceOf(TimeoutException.class);
        assertThat(http.hits())
                .as("the first attempt and 1 retry, each given up by the timeout")
                .isEqualTo(2);
    }

    @Test
    void aFailingServerOpensTheBreakerAndIsNotCalledAgainUntilTheBreakerIsReset() throws Exception {
        http.thenAlways(new Status(500));
        CircuitBreakers breakers = container.select(CircuitBreakers.class).get();

        for (int call = 0; call < 10; call++) {
            assertThat(remote.inventory(http.uri())).isEqualTo("cached");
        }
        assertThat(http.hits()).as("calls until the window of 4 was full of failures").isEqualTo(4);
        assertThat(breakers.find("inventory").orElseThrow().state()).isEqualTo(BreakerState.OPEN);
        assertThat(breakers.find("inventory").orElseThrow().rejected()).isEqualTo(6);

        http.thenAlways(new Status(200));
        breakers.reset("inventory");

        assertThat(remote.inventory(http.uri())).isEqualTo("status 200");
        assertThat(http.hits()).isEqualTo(5);
    }

    // The JDK's client may open a second connection for one request when the first is reset before
    // any byte of
    // the answer arrived (it takes the connection for a stale one), so for resets the tests count
    // the method's
    // attempts, and the server's connections only to show that it is, or is no longer, reached.

    @Test
    void connectionResetsAreRetriedAndThenFallBack() throws Exception {
        try (ResettingServer resetting = new ResettingServer()) {
            assertThat(remote.resetTolerant(resetting.uri())).isEqualTo("offline");
            assertThat(remote.attempts()).as("the first attempt and 2 retries").isEqualTo(3);
            assertThat(resetting.accepted())
                    .as("connections, one or two per attempt")
                    .isBetween(3, 6);
        }
    }

    @Test
    void connectionResetsOpenTheBreakerSoTheServerIsNoLongerCalled() throws Exception {
        try (ResettingServer resetting = new ResettingServer()) {
            assertThat(remote.resetBreaking(resetting.uri())).isEqualTo("offline");
            assertThat(remote.resetBreaking(resetting.uri())).isEqualTo("offline");
            int connectionsUntilOpen = resetting.accepted();

            for (int call = 0; call < 5; call++) {
                assertThat(remote.resetBreaking(resetting.uri())).isEqualTo("offline");
            }
            assertThat(remote.attempts())
                    .as("attempts until the window of 2 was full of failures")
                    .isEqualTo(2);
            assertThat(resetting.accepted())
                    .as("connections after the breaker opened")
                    .isEqualTo(connectionsUntilOpen);
        }
    }

    /** A 5xx answer. */
    public static class ServerError extends IOException {
        private static final long serialVersionUID = 1L;

        ServerError(int status) {
            super("HTTP " + status);
        }
    }

    @ApplicationScoped
    public static class RemoteService {

        private final AtomicInteger attempts = new AtomicInteger();
        private final HttpClient client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();

        /**
         * POST, because the JDK's client itself retries an idempotent GET once when the connection is reset, and
         * the tests count only the retries they configure.
         */
        private String post(URI uri) throws IOException, InterruptedException {
            attempts.incrementAndGet();
            HttpResponse<String> response =
                    client.send(
                            HttpRequest.newBuilder(uri)
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) {
                throw new ServerError(response.statusCode());
            }
            return response.body();
        }

        @Retry(maxRetries = 3, delay = 0, jitter = 0, retryOn = ServerError.class)
        public String retried(URI uri) throws IOException, InterruptedException {
            return post(uri);
        }

        @Timeout(1000)
        @Retry(maxRetries = 1, delay = 0, jitter = 0, retryOn = TimeoutException.class)
        public String slow(URI uri) throws IOException, InterruptedException {
            return post(uri);
        }

        @CircuitBreaker(
                requestVolumeThreshold = 4,
                failureRatio = 0.5,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @BreakerName("inventory")
        @Fallback(fallbackMethod = "cached")
        public String inventory(URI uri) throws IOException, InterruptedException {
            return post(uri);
        }

        public String cached(URI uri) {
            return "cached";
        }

        @Retry(maxRetries = 2, delay = 0, jitter = 0, retryOn = IOException.class)
        @Fallback(fallbackMethod = "offline")
        public String resetTolerant(URI uri) throws IOException, InterruptedException {
            return post(uri);
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1.0,
                delay = 1,
                delayUnit = ChronoUnit.HOURS)
        @Fallback(fallbackMethod = "offline")
        public String resetBreaking(URI uri) throws IOException, InterruptedException {
            return post(uri);
        }

        public String offline(URI uri) {
            return "offline";
        }

        /** @return how often a method of this bean sent a request */
        public int attempts() {
            return attempts.get();
        }
    }
}
