package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The same method body under each annotation alone, all five together, no annotation and a no-op interceptor.
 * Parameters are the spec's defaults, except {@code jitter = 0} so that the setup's retry check does not sleep
 * (it makes no difference on the success path). SmallRye's {@code @RateLimit} allows as many calls per second as
 * an {@code int} holds, so that a measurement never meets a refusal: the row measures taking a permit.
 */
@ApplicationScoped
public class GuardedService {

    /** No interceptor at all: the client proxy and the method. */
    public String baseline() {
        return Work.value();
    }

    /** An interceptor that only proceeds: what any interceptor costs on Weld. */
    @Noop
    public String noopInterceptor() {
        return Work.value();
    }

    @Retry(jitter = 0)
    public String retry() {
        return Work.value();
    }

    @CircuitBreaker
    public String circuitBreaker() {
        return Work.value();
    }

    @Bulkhead
    public String bulkhead() {
        return Work.value();
    }

    @Fallback(fallbackMethod = "fallbackValue")
    public String fallback() {
        return Work.value();
    }

    @Timeout
    public String timeout() {
        return Work.value();
    }

    @RateLimit(value = Integer.MAX_VALUE, window = 1, windowUnit = ChronoUnit.SECONDS)
    public String rateLimit() {
        return Work.value();
    }

    @Retry(jitter = 0)
    @ExponentialBackoff
    public String retryWithBackoff() {
        return Work.value();
    }

    @Retry(jitter = 0)
    @CircuitBreaker
    @Bulkhead
    @Fallback(fallbackMethod = "fallbackValue")
    @Timeout
    public String allFive() {
        return Work.value();
    }

    public String fallbackValue() {
        return Work.FALLBACK;
    }
}
