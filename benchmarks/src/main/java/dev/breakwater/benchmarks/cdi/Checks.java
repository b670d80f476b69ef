package dev.breakwater.benchmarks.cdi;

import dev.breakwater.benchmarks.Work;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Sanity checks run in the benchmarks' setup, before any measurement: the interceptor under test is on the stack
 * of the measured call (and no other one is), and the policies really act. A failed check fails the benchmark.
 */
final class Checks {

    private static final String NOOP = NoopInterceptor.class.getName();

    private Checks() {}

    /** Checks which interceptors the measured call passes through. */
    static void interceptors(String what, Supplier<?> call, boolean faultTolerance, boolean noop) {
        String ft = Cdi.Implementation.present().interceptorClass();
        Work.startCheck(0);
        try {
            require(Work.VALUE.equals(call.get()), what + " returned the constant");
            List<String> frames = Work.callerFrames();
            require(
                    frames.contains(ft) == faultTolerance,
                    what + (faultTolerance ? " passes through " : " does not pass through ") + ft);
            require(
                    frames.contains(NOOP) == noop,
                    what + (noop ? " passes through " : " does not pass through ") + NOOP);
        } finally {
            Work.endCheck();
        }
    }

    /** Checks that a call failing {@code failures} times ends with {@code expected} after {@code attempts} attempts. */
    static void recovers(
            String what, Supplier<?> call, int failures, Object expected, int attempts) {
        Work.startCheck(failures);
        try {
            Object result = call.get();
            require(
                    Objects.equals(expected, result) && Work.calls() == attempts,
                    what
                            + " failing "
                            + failures
                            + " time(s) returns "
                            + expected
                            + " after "
                            + attempts
                            + " attempt(s); got "
                            + result
                            + " after "
                            + Work.calls());
        } finally {
            Work.endCheck();
        }
    }

    /** Checks that an asynchronous call runs on another thread than the caller's. */
    static void hopsThreads(String what, Supplier<CompletableFuture<?>> call) {
        Work.startCheck(0);
        try {
            require(Work.VALUE.equals(call.get().join()), what + " completes with the constant");
            Thread runner = Work.callerThread();
            require(
                    runner != null && runner != Thread.currentThread(),
                    what + " runs on a worker thread, ran on " + runner);
        } finally {
            Work.endCheck();
        }
    }

    /** Opens a breaker by failing calls, then checks that it refuses the next one. */
    static void opens(String what, Supplier<?> call, int failures) {
        Work.startCheck(failures);
        try {
            for (int i = 0; i < failures; i++) {
                try {
                    call.get();
                    throw new IllegalStateException(
                            what + ": planned failure " + (i + 1) + " did not fail");
                } catch (Work.PlannedFailure expected) {
                    // counted by the breaker
                }
            }
        } finally {
            Work.endCheck();
        }
        refuses(what, call);
    }

    /** Checks that a floor interceptor refuses the call with the preallocated exception and the method never runs. */
    static void refusedByFloor(String what, Supplier<?> call) {
        Work.startCheck(0);
        try {
            try {
                Object result = call.get();
                throw new IllegalStateException(
                        what + ": should be refused but returned " + result);
            } catch (Refusal expected) {
                require(
                        expected == Refusal.INSTANCE,
                        what + " is refused with the preallocated exception");
            }
            require(Work.calls() == 0, what + " never reaches the method");
        } finally {
            Work.endCheck();
        }
    }

    static void refuses(String what, Supplier<?> call) {
        try {
            Object result = call.get();
            throw new IllegalStateException(
                    what + ": the breaker should be open but the call returned " + result);
        } catch (CircuitBreakerOpenException expected) {
            // open
        }
    }

    /** Checks that the timeout, bulkhead and circuit breaker of the implementation act. */
    static void policiesAct(Probes probes) throws InterruptedException {
        long start = System.nanoTime();
        try {
            probes.sleepy();
            throw new IllegalStateException("@Timeout(50) did not time out a 10 s call");
        } catch (TimeoutException expected) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            require(millis < 5_000, "@Timeout(50) gave up in time (" + millis + " ms)");
        }

        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder =
                new Thread(
                        () -> {
                            try {
                                probes.occupy(entered, release);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "bulkhead-holder");
        holder.start();
        try {
            require(entered.await(10, TimeUnit.SECONDS), "the bulkhead holder entered");
            try {
                probes.occupy(new CountDownLatch(1), new CountDownLatch(0));
                throw new IllegalStateException("@Bulkhead(1) let a second call in");
            } catch (BulkheadException expected) {
                // full
            }
        } finally {
            release.countDown();
            holder.join(10_000);
        }

        for (int i = 0; i < 2; i++) {
            try {
                probes.failing();
            } catch (Work.PlannedFailure expected) {
                // counted by the breaker
            }
        }
        refuses("@CircuitBreaker(requestVolumeThreshold = 2) after 2 failures", probes::failing);

        probes.limited();
        try {
            probes.limited();
            throw new IllegalStateException("@RateLimit(1 per hour) let a second call in");
        } catch (RateLimitException expected) {
            // limited
        }
    }

    static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("sanity check failed: " + what);
        }
    }
}
