package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quarkus's default, as with {@code quarkus-smallrye-fault-tolerance}: SmallRye's non-compatible mode. A method
 * returning {@code CompletionStage} or {@code Uni} is guarded asynchronously without {@code @Asynchronous} and runs
 * on the caller's thread; {@code @Asynchronous} still moves it to a worker; exception lists inspect cause chains.
 */
@org.junit.jupiter.api.Timeout(60)
class NonCompatibleModeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(NonBlocking.class, Wrapping.class));

    @Inject NonBlocking nonBlocking;

    @Inject Wrapping wrapping;

    @Test
    void
            aCompletionStageMethodWithoutAsynchronousRunsOnTheCallersThreadAndItsFailedStageIsRetried() {
        assertThat(nonBlocking.stageFailsOnce().toCompletableFuture().join())
                .isEqualTo("second attempt");

        assertThat(nonBlocking.stageThreads()).hasSize(2).first().isSameAs(Thread.currentThread());
    }

    @Test
    void aUniMethodWithoutAsynchronousRunsOnTheSubscribersThreadAndItsFailureIsRetried() {
        assertThat(nonBlocking.uniFailsOnce().await().indefinitely()).isEqualTo("second attempt");

        assertThat(nonBlocking.uniThreads()).hasSize(2).first().isSameAs(Thread.currentThread());
    }

    @Test
    void anAsynchronousCompletionStageMethodStillRunsOnAWorker() {
        Thread worker = nonBlocking.onAWorker().toCompletableFuture().join();

        assertThat(worker).isNotSameAs(Thread.currentThread());
    }

    @Test
    void fallbackAppliesWhenAnApplyOnTypeIsInTheCauseChain() {
        assertThat(wrapping.fallsBackOnAWrappedIOException()).isEqualTo("fallback");
    }

    @Test
    void fallbackIsSkippedWhenASkipOnTypeIsInTheCauseChainEvenIfAnApplyOnTypeIsToo() {
        assertThatThrownBy(wrapping::skipsAWrappedExpectedOutcome)
                .isInstanceOf(IllegalStateException.class)
                .cause()
                .cause()
                .isInstanceOf(ExpectedOutcome.class);
    }

    @Test
    void retryRetriesWhenARetryOnTypeIsInTheCauseChain() {
        assertThatThrownBy(wrapping::retriesAWrappedIOException)
                .isInstanceOf(UncheckedIOException.class);

        assertThat(wrapping.retried()).as("attempts").isEqualTo(3);
    }

    @Test
    void retryAbortsWhenAnAbortOnTypeIsInTheCauseChainEvenIfARetryOnTypeIsToo() {
        assertThatThrownBy(wrapping::abortsOnAWrappedExpectedOutcome)
                .isInstanceOf(IllegalStateException.class);

        assertThat(wrapping.aborted()).as("attempts").isOne();
    }

    @Test
    void theCircuitBreakerCountsAFailureWhoseCauseIsAFailOnType() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(wrapping::breaksOnAWrappedIOException)
                    .isInstanceOf(UncheckedIOException.class);
        }

        assertThatThrownBy(wrapping::breaksOnAWrappedIOException)
                .isInstanceOf(CircuitBreakerOpenException.class);
    }

    /** An outcome the caller expects, reported as an exception. */
    static class ExpectedOutcome extends Exception {
        ExpectedOutcome() {
            super("expected");
        }
    }

    @ApplicationScoped
    static class NonBlocking {
        private final AtomicInteger stageAttempts = new AtomicInteger();
        private final AtomicInteger uniAttempts = new AtomicInteger();
        private final List<Thread> stageThreads = new CopyOnWriteArrayList<>();
        private final List<Thread> uniThreads = new CopyOnWriteArrayList<>();

        @Retry(maxRetries = 2, jitter = 0)
        CompletionStage<String> stageFailsOnce() {
            stageThreads.add(Thread.currentThread());
            return stageAttempts.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("first attempt"))
                    : CompletableFuture.completedFuture("second attempt");
        }

        @Retry(maxRetries = 2, jitter = 0)
        Uni<String> uniFailsOnce() {
            uniThreads.add(Thread.currentThread());
            return uniAttempts.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("first attempt"))
                    : Uni.createFrom().item("second attempt");
        }

        @Asynchronous
        @Retry
        CompletionStage<Thread> onAWorker() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        List<Thread> stageThreads() {
            return stageThreads;
        }

        List<Thread> uniThreads() {
            return uniThreads;
        }
    }

    @ApplicationScoped
    static class Wrapping {
        private final AtomicInteger retried = new AtomicInteger();
        private final AtomicInteger aborted = new AtomicInteger();

        @Fallback(fallbackMethod = "fallback", applyOn = IOException.class)
        String fallsBackOnAWrappedIOException() {
            throw new UncheckedIOException(new IOException("disk"));
        }

        @Fallback(
                fallbackMethod = "fallback",
                applyOn = IOException.class,
                skipOn = ExpectedOutcome.class)
        String skipsAWrappedExpectedOutcome() {
            throw new IllegalStateException(new IOException("disk", new ExpectedOutcome()));
        }

        String fallback() {
            return "fallback";
        }

        @Retry(maxRetries = 2, jitter = 0, retryOn = IOException.class)
        void retriesAWrappedIOException() {
            retried.incrementAndGet();
            throw new UncheckedIOException(new IOException("disk"));
        }

        @Retry(
                maxRetries = 2,
                jitter = 0,
                retryOn = IOException.class,
                abortOn = ExpectedOutcome.class)
        void abortsOnAWrappedExpectedOutcome() {
            aborted.incrementAndGet();
            throw new IllegalStateException(new IOException("disk", new ExpectedOutcome()));
        }

        @CircuitBreaker(
                requestVolumeThreshold = 2,
                failureRatio = 1,
                delay = 1,
                delayUnit = ChronoUnit.HOURS,
                failOn = IOException.class)
        void breaksOnAWrappedIOException() {
            throw new UncheckedIOException(new IOException("disk"));
        }

        int retried() {
            return retried.get();
        }

        int aborted() {
            return aborted.get();
        }
    }
}
