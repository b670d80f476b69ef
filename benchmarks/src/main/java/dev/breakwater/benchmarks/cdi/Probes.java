package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import io.smallrye.faulttolerance.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Methods that make the policies act (time out, refuse, open), for the setup's sanity checks only: they prove that
 * the fault-tolerance implementation on the classpath is really at work in the container being measured.
 */
@ApplicationScoped
public class Probes {

    @Timeout(50)
    public String sleepy() throws InterruptedException {
        Thread.sleep(10_000);
        return "late";
    }

    @Bulkhead(1)
    public String occupy(CountDownLatch entered, CountDownLatch release)
            throws InterruptedException {
        entered.countDown();
        release.await();
        return Work.VALUE;
    }

    @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
    public String limited() {
        return Work.VALUE;
    }

    @CircuitBreaker(
            requestVolumeThreshold = 2,
            failureRatio = 1.0,
            delay = 1,
            delayUnit = ChronoUnit.HOURS)
    public String failing() {
        throw new Work.PlannedFailure();
    }
}
