package dev.breakwater.examples.checkout.gateway;

import dev.breakwater.examples.checkout.ChargeRequest;
import dev.breakwater.examples.checkout.ChargeResult;
import dev.breakwater.examples.checkout.Product;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A payment gateway to call over real HTTP, served by the same application so the example needs nothing else:
 * it charges orders and lists the catalogue, and its knobs ({@code POST /gateway/knobs}) make it slow, flaky or
 * down.
 */
@Path("/gateway")
public class GatewayResource {

    private static final List<Product> CATALOGUE =
            List.of(
                    new Product("espresso", "Espresso", 250),
                    new Product("flat-white", "Flat white", 380),
                    new Product("croissant", "Croissant", 290));

    @Inject SimulatedGateway gateway;

    @POST
    @Path("/charges")
    public ChargeResult charge(ChargeRequest request) throws InterruptedException {
        SimulatedGateway.Answer answer = gateway.charge();
        respondAfterLatency(answer);
        return new ChargeResult(request.orderId(), "tx-" + UUID.randomUUID());
    }

    @GET
    @Path("/catalogue")
    public List<Product> catalogue() throws InterruptedException {
        SimulatedGateway.Answer answer = gateway.catalogue();
        respondAfterLatency(answer);
        return CATALOGUE;
    }

    @GET
    @Path("/knobs")
    public Knobs knobs() {
        return gateway.knobs();
    }

    @POST
    @Path("/knobs")
    public Knobs turn(Knobs knobs) {
        gateway.turn(knobs);
        return knobs;
    }

    @GET
    @Path("/stats")
    public GatewayStats stats() {
        return gateway.stats();
    }

    /** Waits as long as the knobs say (a slow gateway), then fails the call if the answer is a failure. */
    private void respondAfterLatency(SimulatedGateway.Answer answer) throws InterruptedException {
        long latency = gateway.knobs().latencyMs();
        if (latency > 0) {
            Thread.sleep(latency);
        }
        switch (answer) {
            case OUTAGE ->
                    throw new WebApplicationException(
                            "gateway down", Response.Status.SERVICE_UNAVAILABLE);
            case FAILURE ->
                    throw new WebApplicationException(
                            "gateway failed", Response.Status.INTERNAL_SERVER_ERROR);
            case OK -> {}
        }
    }
}
