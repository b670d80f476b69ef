package dev.breakwater.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * What the {@code @CircuitBreaker} beside it does beyond the MicroProfile spec: a time-based window, slow calls, a
 * limited half-open stay. Only where a {@code @CircuitBreaker} applies (on the method, or on its class like the
 * spec's annotations); its members are read and overridden by config keys like theirs
 * ({@code com.acme.Checkout/pay/BreakerPolicy/window}), and a bad value fails the deployment.
 *
 * <pre>{@code
 * @CircuitBreaker(failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
 * @BreakerPolicy(window = 30, minimumCalls = 10, slowCall = 2, slowCallUnit = ChronoUnit.SECONDS)
 * public Receipt charge(Order order) { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface BreakerPolicy {

    /**
     * @return the time-based window: the breaker judges the calls of the last this long (whole seconds, 1 s to 1 h)
     *         instead of the last {@code requestVolumeThreshold} calls; 0, the default, keeps the spec's count-based
     *         window
     */
    long window() default 0;

    /** @return the unit of {@link #window()}; default seconds */
    ChronoUnit windowUnit() default ChronoUnit.SECONDS;

    /**
     * @return with a time-based window, the calls it must hold before its failure and slow-call ratios count; 0, the
     *         default, takes the {@code @CircuitBreaker}'s {@code requestVolumeThreshold}
     */
    int minimumCalls() default 0;

    /**
     * @return a call that takes longer than this, from its admission by the breaker to its outcome, is slow; 0, the
     *         default, when no call is slow
     */
    long slowCall() default 0;

    /** @return the unit of {@link #slowCall()}; default milliseconds */
    ChronoUnit slowCallUnit() default ChronoUnit.MILLIS;

    /**
     * @return the share of slow calls (failed ones included) in the window that opens the breaker, more than 0 up to
     *         1; default 1. A slow trial call in half-open state reopens the breaker, like a failure.
     */
    double slowCallRatio() default 1.0;

    /**
     * @return how long the breaker may stay half-open before it opens again if its trial calls have not decided by
     *         then; 0, the default, for no limit
     */
    long maxHalfOpen() default 0;

    /** @return the unit of {@link #maxHalfOpen()}; default milliseconds */
    ChronoUnit maxHalfOpenUnit() default ChronoUnit.MILLIS;
}
