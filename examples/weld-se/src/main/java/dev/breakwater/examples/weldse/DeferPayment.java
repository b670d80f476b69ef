package dev.breakwater.examples.weldse;

import jakarta.enterprise.context.Dependent;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * When the gateway cannot charge, the shop still takes the order and charges it later. The receipt says why,
 * so the example can tell a call that failed at the gateway from one the open breaker refused at once.
 */
@Dependent
public class DeferPayment implements FallbackHandler<Receipt> {

    static final String BREAKER_OPEN = "circuit open, gateway not called";
    static final String GATEWAY_FAILED = "gateway failed";

    @Override
    public Receipt handle(ExecutionContext context) {
        Order order = (Order) context.getParameters()[0];
        String reason =
                context.getFailure() instanceof CircuitBreakerOpenException
                        ? BREAKER_OPEN
                        : GATEWAY_FAILED;
        return Receipt.deferred(order, reason);
    }
}
