package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * A breaker that opens after two failures and stays open for an hour: the benchmark's setup opens it. Next to it,
 * on the same bean, the floors of any refusal by an interceptor: methods whose only interceptor throws at once.
 */
@ApplicationScoped
public class OpenBreakerService {

    @CircuitBreaker(
            requestVolumeThreshold = 2,
            failureRatio = 1.0,
            delay = 1,
            delayUnit = ChronoUnit.HOURS)
    public String call() {
        return Work.value();
    }

    /** Refused by {@link ThrowingInterceptor}, a class-based interceptor; never runs. */
    @Throwing
    public String refusedByInterceptor() {
        return Work.value();
    }

    /** Refused by the interceptor bean of {@link ThrowingInterceptorExtension}; never runs. */
    @ThrowingDirectly
    public String refusedByInterceptorBean() {
        return Work.value();
    }
}
