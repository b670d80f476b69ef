package dev.breakwater.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the circuit breaker of a {@code @CircuitBreaker} method. Methods that carry the same name share one
 * breaker: their calls fill one rolling window, and when it opens, all of them are refused. Such methods must
 * declare the same breaker policy (delay, requestVolumeThreshold, failureRatio, successThreshold, failOn,
 * skipOn, after config overrides); otherwise the deployment fails.
 *
 * <p>Without this annotation a breaker is named after its bean class and method, {@code com.acme.Checkout#pay},
 * with the parameter types appended ({@code com.acme.Checkout#pay(com.acme.Order)}) when the class has several
 * guarded methods of that name. The name is how {@link CircuitBreakers} finds a breaker.
 *
 * <pre>{@code
 * @CircuitBreaker(requestVolumeThreshold = 10)
 * @BreakerName("payment-gateway")
 * public Receipt charge(Order order) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BreakerName {

    /** @return the breaker's name: any non-blank text */
    String value();
}
