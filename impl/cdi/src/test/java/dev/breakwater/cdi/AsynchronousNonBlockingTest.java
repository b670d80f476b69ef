package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SmallRye's {@code @AsynchronousNonBlocking} on Weld, as SmallRye documents it: the method is guarded
 * asynchronously (its returned stage is what the policies see) but runs on the caller's thread; an annotation on
 * the method wins over one on the class; {@code @Asynchronous} next to it on the same method or class, or a return
 * type that is not a stage, fails the deployment.
 */
@org.junit.jupiter.api.Timeout(60)
class AsynchronousNonBlockingTest {

    private WeldContainer container;

    @AfterEach
    void stop() {
        if (container != null && container.isRunning()) {
            container.close();
        }
    }

    private <T> T start(Class<T> beanClass) {
        container = Deployments.start(beanClass);
        return container.select(beanClass).get();
    }

    @Test
    void theMethodRunsOnTheCallersThreadAndItsFailedStageIsRetriedThenFallsBack() {
        NonBlockingRetry bean = start(NonBlockingRetry.class);

        assertThat(bean.alwaysFails().toCompletableFuture().join()).isEqualTo("fallback");

        assertThat(bean.attempts()).as("1 attempt and 2 retries").isEqualTo(3);
        assertThat(bean.threads()).first().isSameAs(Thread.currentThread());
    }

    @Test
    void aCallThatSucceedsAtOnceNeverLeavesTheCallersThread() {
        NonBlockingRetry bean = start(NonBlockingRetry.class);

        assertThat(bean.succeeds().toCompletableFuture().join()).isSameAs(Thread.currentThread());
    }

    @Test
    void onTheMethodItWinsOverAsynchronousOnTheClass() {
        AsynchronousClass bean = start(AsynchronousClass.class);

        assertThat(bean.nonBlocking().toCompletableFuture().join())
                .isSameAs(Thread.currentThread());
        assertThat(bean.offloaded().toCompletableFuture().join())
                .isNotSameAs(Thread.currentThread());
    }

    @Test
    void asynchronousOnTheMethodWinsOverItOnTheClass() {
        NonBlockingClass bean = start(NonBlockingClass.class);

        assertThat(bean.nonBlocking().toCompletableFuture().join())
                .isSameAs(Thread.currentThread());
        assertThat(bean.offloaded().toCompletableFuture().join())
                .isNotSameAs(Thread.currentThread());
    }

    @Test
    void inNonCompatibleModeItKeepsTheCallersThreadToo() {
        container =
                Deployments.start(
                        Map.of("smallrye.faulttolerance.mp-compatibility", "false"),
                        NonBlockingRetry.class);
        NonBlockingRetry bean = container.select(NonBlockingRetry.class).get();

        assertThat(bean.succeeds().toCompletableFuture().join()).isSameAs(Thread.currentThread());
    }

    @Test
    void nextToAsynchronousOnTheSameMethodItFailsTheDeployment() {
        assertThat(Deployments.definitionError(BothOnMethod.class))
                .hasMessageContaining(
                        "@Asynchronous and @AsynchronousNonBlocking on "
                                + BothOnMethod.class.getName()
                                + ".call(): both are on the method, which asks to run it on a worker thread and on the"
                                + " caller's thread; allowed: one of them on a method or a class (one on the method overrides"
                                + " the other on its class)");
    }

    @Test
    void nextToAsynchronousOnTheSameClassItFailsTheDeployment() {
        assertThat(Deployments.definitionError(BothOnClass.class))
                .hasMessageContaining(
                        "@Asynchronous and @AsynchronousNonBlocking on "
                                + BothOnClass.class.getName()
                                + ".call(): both are on the class "
                                + BothOnClass.class.getName()
                                + ", which asks to run it on"
                                + " a worker thread and on the caller's thread");
    }

    @Test
    void onAMethodThatReturnsNoStageItFailsTheDeploymentWithEveryOtherError() {
        assertThat(Deployments.definitionError(WrongReturnTypes.class))
                .hasMessageContaining("2 fault tolerance definition errors")
                .hasMessageContaining(
                        "@AsynchronousNonBlocking on "
                                + WrongReturnTypes.class.getName()
                                + ".text():"
                                + " the method returns java.lang.String; allowed: an @AsynchronousNonBlocking method returns"
                                + " java.util.concurrent.CompletionStage (or CompletableFuture, or Mutiny's Uni on Quarkus),"
                                + " which can be awaited without blocking")
                .hasMessageContaining(
                        "@AsynchronousNonBlocking on "
                                + WrongReturnTypes.class.getName()
                                + ".future():"
                                + " the method returns java.util.concurrent.Future; allowed: an @AsynchronousNonBlocking"
                                + " method returns java.util.concurrent.CompletionStage")
                .hasMessageContaining(
                        "a Future method needs @Asynchronous, which runs it on a worker");
    }

    @Test
    void onAClassEveryBusinessMethodMustReturnAStage() {
        assertThat(Deployments.definitionError(NonBlockingClassWithText.class))
                .hasMessageContaining(
                        "@AsynchronousNonBlocking (on class "
                                + NonBlockingClassWithText.class.getName()
                                + ") on "
                                + NonBlockingClassWithText.class.getName()
                                + ".text(): the method returns"
                                + " java.lang.String");
    }

    @ApplicationScoped
    public static class NonBlockingRetry {
        private final AtomicInteger attempts = new AtomicInteger();
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        @AsynchronousNonBlocking
        @Retry(maxRetries = 2, delay = 0, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        public CompletionStage<String> alwaysFails() {
            attempts.incrementAndGet();
            threads.add(Thread.currentThread());
            return CompletableFuture.failedFuture(new IllegalStateException("down"));
        }

        CompletionStage<String> fallback() {
            return CompletableFuture.completedFuture("fallback");
        }

        @AsynchronousNonBlocking
        @Retry
        public CompletionStage<Thread> succeeds() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        int attempts() {
            return attempts.get();
        }

        List<Thread> threads() {
            return threads;
        }
    }

    @ApplicationScoped
    @Asynchronous
    public static class AsynchronousClass {
        @AsynchronousNonBlocking
        public CompletionStage<Thread> nonBlocking() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        public CompletionStage<Thread> offloaded() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }
    }

    @ApplicationScoped
    @AsynchronousNonBlocking
    public static class NonBlockingClass {
        public CompletionStage<Thread> nonBlocking() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }

        @Asynchronous
        public CompletionStage<Thread> offloaded() {
            return CompletableFuture.completedFuture(Thread.currentThread());
        }
    }

    @ApplicationScoped
    public static class BothOnMethod {
        @Asynchronous
        @AsynchronousNonBlocking
        public CompletionStage<String> call() {
            return CompletableFuture.completedFuture("never");
        }
    }

    @ApplicationScoped
    @Asynchronous
    @AsynchronousNonBlocking
    public static class BothOnClass {
        public CompletionStage<String> call() {
            return CompletableFuture.completedFuture("never");
        }
    }

    @ApplicationScoped
    public static class WrongReturnTypes {
        @AsynchronousNonBlocking
        public String text() {
            return "never";
        }

        @AsynchronousNonBlocking
        public Future<String> future() {
            return CompletableFuture.completedFuture("never");
        }
    }

    @ApplicationScoped
    @AsynchronousNonBlocking
    public static class NonBlockingClassWithText {
        public CompletionStage<String> stage() {
            return CompletableFuture.completedFuture("fine");
        }

        public String text() {
            return "never";
        }
    }
}
