package dev.breakwater.examples.liberty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A payment gateway in the same server, reached over HTTP like a remote one: it charges orders, can be switched
 * into an outage, and counts the charges that reached it.
 */
@Path("/gateway")
@ApplicationScoped
@Produces(MediaType.TEXT_PLAIN)
public class GatewayResource {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong charges = new AtomicLong();

    @POST
    @Path("/charges/{order}")
    public Response charge(@PathParam("order") String order) {
        long charge = charges.incrementAndGet();
        if (down.get()) {
            // An answer, not an exception: an outage is what this gateway is for, not an error to
            // log.
            return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .entity("gateway down")
                    .build();
        }
        return Response.ok("tx-" + charge + "-" + order).build();
    }

    @POST
    @Path("/outage")
    public String outage(@QueryParam("on") boolean on) {
        down.set(on);
        return Boolean.toString(on);
    }

    @GET
    @Path("/charges")
    public String charges() {
        return Long.toString(charges.get());
    }
}
