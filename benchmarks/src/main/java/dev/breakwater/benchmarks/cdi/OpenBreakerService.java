package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

import java.time.temporal.ChronoUnit;

/** A breaker that opens after two failures and stays open for an hour: the benchmark's setup opens it. */
@ApplicationScoped
public class OpenBreakerService {

    @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
    public String call() {
        return Work.value();
    }
}
