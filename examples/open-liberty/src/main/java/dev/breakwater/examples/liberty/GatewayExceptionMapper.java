package dev.breakwater.examples.liberty;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A failed gateway call is 502 Bad Gateway. */
@Provider
public class GatewayExceptionMapper implements ExceptionMapper<GatewayException> {

    @Override
    public Response toResponse(GatewayException exception) {
        return Response.status(Response.Status.BAD_GATEWAY)
                .type(MediaType.TEXT_PLAIN)
                .entity(exception.getMessage())
                .build();
    }
}
