package dev.breakwater.examples.checkout;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/** The shop's API: pay for an order, read the catalogue. Failures become responses in {@link FailureResponses}. */
@Path("/")
public class CheckoutResource {

    @Inject PaymentService payments;

    @Inject CatalogueService catalogue;

    @POST
    @Path("/checkout")
    public ChargeResult checkout(ChargeRequest request) {
        return payments.charge(request);
    }

    @GET
    @Path("/catalogue")
    public Catalogue catalogue() {
        return catalogue.products();
    }
}
