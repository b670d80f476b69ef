package dev.breakwater.examples.liberty;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** Pays for an order through the guarded {@link PaymentService}; failures become answers in the mappers. */
@Path("/checkout")
@RequestScoped
@Produces(MediaType.TEXT_PLAIN)
public class CheckoutResource {

    @Inject PaymentService payments;

    @Context UriInfo uri;

    /** The gateway is served by this application, so its address is this request's base address. */
    @POST
    @Path("/{order}")
    public String checkout(@PathParam("order") String order) {
        return payments.charge(uri.getBaseUri(), order);
    }
}
