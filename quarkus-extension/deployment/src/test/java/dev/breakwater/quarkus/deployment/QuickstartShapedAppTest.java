package dev.breakwater.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An application written for {@code quarkus-smallrye-fault-tolerance}, shaped like its fault-tolerance quickstart,
 * runs unchanged on Breakwater: retry on a REST method, a timeout with a fallback, and a circuit breaker whose
 * exception the resource turns into a 500 naming the exception's simple class name, over HTTP.
 */
@org.junit.jupiter.api.Timeout(60)
class QuickstartShapedAppTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(TeaResource.class, TeaRepository.class));

    @Inject TeaRepository repository;

    @Test
    void aListThatFailsTwiceIsServedAfterRetries() {
        repository.failNextListings(2);

        given().get("/teas").then().statusCode(200).body(equalTo("assam, sencha, rooibos"));

        assertThat(repository.listings()).as("calls of the repository").isEqualTo(3);
    }

    @Test
    void recommendationsThatTakeTooLongFallBackToTheHouseBlend() {
        given().get("/teas/1/recommendations").then().statusCode(200).body(equalTo("house blend"));
    }

    @Test
    void theClientSeesCircuitBreakerOpenExceptionOnceTheStockServiceKeepsFailing() {
        for (int i = 0; i < 4; i++) {
            given().get("/teas/1/availability")
                    .then()
                    .statusCode(500)
                    .body(equalTo("RuntimeException: the stock service is down"));
        }

        given().get("/teas/1/availability")
                .then()
                .statusCode(500)
                .body(startsWith("CircuitBreakerOpenException: "))
                .body(containsString(TeaRepository.class.getName() + ".availability(int)"));
        assertThat(repository.availabilityCalls())
                .as("calls that reached the stock service")
                .isEqualTo(4);
    }

    @Path("/teas")
    @Produces(MediaType.TEXT_PLAIN)
    public static class TeaResource {

        @Inject TeaRepository repository;

        @GET
        @Retry(maxRetries = 4)
        public String teas() {
            return String.join(", ", repository.list());
        }

        @GET
        @Path("/{id}/recommendations")
        @Timeout(250)
        @Fallback(fallbackMethod = "houseBlend")
        public String recommendations(@PathParam("id") int id) throws InterruptedException {
            return String.join(", ", repository.recommendationsFor(id));
        }

        public String houseBlend(int id) {
            return "house blend";
        }

        @GET
        @Path("/{id}/availability")
        public Response availability(@PathParam("id") int id) {
            try {
                return Response.ok(repository.availability(id)).build();
            } catch (RuntimeException e) {
                return Response.status(Response.Status.INTERNAL_SERVER_ERROR)
                        .entity(e.getClass().getSimpleName() + ": " + e.getMessage())
                        .build();
            }
        }
    }

    @ApplicationScoped
    public static class TeaRepository {
        private final AtomicInteger failingListings = new AtomicInteger();
        private final AtomicInteger listings = new AtomicInteger();
        private final AtomicInteger availabilityCalls = new AtomicInteger();

        void failNextListings(int count) {
            failingListings.set(count);
            listings.set(0);
        }

        List<String> list() {
            listings.incrementAndGet();
            if (failingListings.getAndDecrement() > 0) {
                throw new RuntimeException("the tea list is not available");
            }
            return List.of("assam", "sencha", "rooibos");
        }

        int listings() {
            return listings.get();
        }

        List<String> recommendationsFor(int id) throws InterruptedException {
            new CountDownLatch(1).await(); // a recommender that never answers
            return List.of();
        }

        @CircuitBreaker(requestVolumeThreshold = 4)
        public Integer availability(int id) {
            availabilityCalls.incrementAndGet();
            throw new RuntimeException("the stock service is down");
        }

        int availabilityCalls() {
            return availabilityCalls.get();
        }
    }
}
