package dev.breakwater.examples.checkout;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The payment gateway's HTTP API; its address is {@code quarkus.rest-client.gateway.url}. */
@RegisterRestClient(configKey = "gateway")
@Path("/gateway")
public interface GatewayClient {

    @POST
    @Path("/charges")
    ChargeResult charge(ChargeRequest request);

    @GET
    @Path("/catalogue")
    List<Product> catalogue();
}
