package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * smallrye-common's {@code @Blocking} and {@code @NonBlocking} on guarded {@code CompletionStage} methods, as SmallRye
 * Fault Tolerance 6.10 still honours them (deprecated there in favour of {@code @Asynchronous} and
 * {@code @AsynchronousNonBlocking}): either makes the method asynchronous also in the spec's mode, {@code @Blocking}
 * on a worker and {@code @NonBlocking} on the caller's thread; on other methods they change nothing; both together on
 * one method or class fail the deployment.
 */
@org.junit.jupiter.api.Timeout(60)
class BlockingAnnotationsTest {

    private WeldContainer container;

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.close();
        }
    }

    private Hinted start(Map<String, String> config) {
        container = Deployments.start(config, Hinted.class, NonBlockingClass.class);
        return container.select(Hinted.class).get();
    }

    @Test
    void nonBlockingMakesAStageMethodAsynchronousOnTheCallersThreadInTheSpecsMode() {
        Hinted bean = start(Map.of());

        assertThat(bean.nonBlockingFailsOnce().toCompletableFuture().join())
                .isEqualTo("second attempt");

        assertThat(bean.nonBlockingThreads()).hasSize(2).first().isSameAs(Thread.currentThread());
    }

    @Test
    void blockingMakesAStageMethodAsynchronousOnAWorkerInTheSpecsMode() {
        Hinted bean = start(Map.of());

        assertThat(bean.blockingFailsOnce().toCompletableFuture().join())
                .isEqualTo("second attempt");

        assertThat(bean.blockingThreads())
                .hasSize(2)
                .allSatisfy(thread -> assertThat(thread).isNotSameAs(Thread.currentThread()));
    }

    @Test
    void blockingMovesAStageMethodToAWorkerInNonCompatibleModeToo() {
        Hinted bean = start(Map.of("smallrye.faulttolerance.mp-compatibility", "false"));

        assertThat(bean.blocking().toCompletableFuture().join())
                .isNotSameAs(Thread.currentThread());
    }

    @Test
    void nonBlockingOnTheClassKeepsAnAsynchronousMethodOnTheCallersThreadAsSmallRyeDecides() {
        start(Map.of());
        NonBlockingClass bean = container.select(NonBlockingClass.class).get();

        assertThat(bean.asynchronous().toCompletableFuture().join())
                .isSameAs(Thread.currentThread());
    }

    @Test
    void onAMethodThatReturnsNoStageTheyChangeNothing() {
        Hinted bean = start(Map.of());

        assertThat(bean.blockingText()).isEqualTo("second attempt");
        assertThat(bean.blockingTextThread()).isSameAs(Thread.currentThread());
    }

    @Test
    void onAMethodWithoutFaultToleranceTheyAreNoneOfBreakwatersBusinessEvenBothTogether() {
        container = Deployments.start(NotGuarded.class);

        assertThat(container.select(NotGuarded.class).get().call()).isEqualTo("plain");
    }

    @Test
    void bothOnOneMethodOrOneClassFailTheDeployment() {
        assertThat(Deployments.definitionError(BothOnMethod.class, BothOnClass.class))
                .hasMessageContaining("2 fault tolerance definition errors")
                .hasMessageContaining(
                        "@Blocking and @NonBlocking on "
                                + BothOnMethod.class.getName()
                                + ".call(): both"
                                + " are on the method, which asks to run it as blocking and as non-blocking; allowed: one of"
                                + " them on a method or a class (one on the method overrides the other on its class)")
                .hasMessageContaining(
                        "@Blocking and @NonBlocking on "
                                + BothOnClass.class.getName()
                                + ".call(): both"
                                + " are on the class "
                                + BothOnClass.class.getName());
    }

    @ApplicationScoped
    @Asynchronous
    @NonBlocking
    public static class NonBlockingClass {
        public CompletionStage<Thread> asynchronous() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }
    }

    @ApplicationScoped
    public static class Hinted {
        private final AtomicInteger nonBlockingAttempts = new AtomicInteger();
        private final AtomicInteger blockingAttempts = new AtomicInteger();
        private final AtomicInteger textAttempts = new AtomicInteger();
        private final List<Thread> nonBlockingThreads = new CopyOnWriteArrayList<>();
        private final List<Thread> blockingThreads = new CopyOnWriteArrayList<>();
        private volatile Thread textThread;

        @NonBlocking
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        public CompletionStage<String> nonBlockingFailsOnce() {
            nonBlockingThreads.add(Thread.currentThread());
            return failsOnce(nonBlockingAttempts);
        }

        @Blocking
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        public CompletionStage<String> blockingFailsOnce() {
            blockingThreads.add(Thread.currentThread());
            return failsOnce(blockingAttempts);
        }

        @Blocking
        @Retry
        public CompletionStage<Thread> blocking() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        @Blocking
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        public String blockingText() {
            textThread = Thread.currentThread();
            if (textAttempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt");
            }
            return "second attempt";
        }

        private static CompletionStage<String> failsOnce(AtomicInteger attempts) {
            return attempts.incrementAndGet() == 1
                    ? CompletableFuture.failedFuture(new IllegalStateException("first attempt"))
                    : CompletableFuture.completedFuture("second attempt");
        }

        List<Thread> nonBlockingThreads() {
            return nonBlockingThreads;
        }

        List<Thread> blockingThreads() {
            return blockingThreads;
        }

        Thread blockingTextThread() {
            return textThread;
        }
    }

    @ApplicationScoped
    public static class NotGuarded {
        @Blocking
        @NonBlocking
        public String call() {
            return "plain";
        }
    }

    @ApplicationScoped
    public static class BothOnMethod {
        @Blocking
        @NonBlocking
        @Retry
        public CompletionStage<String> call() {
            return CompletableFuture.completedFuture("never");
        }
    }

    @ApplicationScoped
    @Blocking
    @NonBlocking
    public static class BothOnClass {
        @Retry
        public CompletionStage<String> call() {
            return CompletableFuture.completedFuture("never");
        }
    }
}
