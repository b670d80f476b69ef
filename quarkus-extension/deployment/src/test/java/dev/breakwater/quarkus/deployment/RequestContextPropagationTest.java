package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code @Asynchronous} call runs in its caller's request context, as on the incumbent: a request-scoped bean
 * the caller set is the one the method sees on its worker thread, and the caller's context survives the call. A
 * caller without a request context gives the call a new one, ended with the call. The deployment tests have
 * MicroProfile Context Propagation (through Mutiny), so this is the request context inside its contexts
 * ({@link ContextPropagationTest}).
 */
@org.junit.jupiter.api.Timeout(60)
class RequestContextPropagationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Note.class, Caller.class, Reader.class));

    @Inject Caller caller;

    @Inject Reader reader;

    @Test
    void aCompletionStageMethodSeesTheRequestScopedBeanItsCallerSet() throws Exception {
        Seen seen = caller.setThenReadThroughStage("from the caller");

        assertThat(seen.inMethod()).isEqualTo("from the caller");
        assertThat(seen.methodThread()).isNotEqualTo(seen.callerThread());
        assertThat(seen.afterCall())
                .as("the caller's bean after the call")
                .isEqualTo("from the caller");
        assertThat(seen.destroyedDuringCall())
                .as("request-scoped beans destroyed by the call")
                .isZero();
    }

    @Test
    void aFutureMethodSeesTheRequestScopedBeanItsCallerSet() throws Exception {
        Seen seen = caller.setThenReadThroughFuture("through a Future");

        assertThat(seen.inMethod()).isEqualTo("through a Future");
        assertThat(seen.methodThread()).isNotEqualTo(seen.callerThread());
        assertThat(seen.afterCall()).isEqualTo("through a Future");
        assertThat(seen.destroyedDuringCall()).isZero();
    }

    @Test
    void aRetriedAttemptStillSeesTheCallersBean() throws Exception {
        assertThat(caller.setThenReadOnSecondAttempt("kept across attempts"))
                .isEqualTo("kept across attempts");
    }

    @Test
    void aCallerWithoutARequestContextGivesTheCallANewOneThatEndsWithIt() throws Exception {
        ExecutorService plain = Executors.newSingleThreadExecutor();
        try {
            boolean callerHadOne =
                    plain.submit(() -> Arc.container().requestContext().isActive()).get();
            assertThat(callerHadOne)
                    .as("precondition: a plain thread has no request context")
                    .isFalse();
            int destroyedBefore = Note.DESTROYED.get();

            String inMethod = plain.submit(() -> reader.stage().toCompletableFuture().get()).get();

            assertThat(inMethod).isEqualTo("unset");
            assertThat(Note.DESTROYED.get() - destroyedBefore)
                    .as("the call's own context was destroyed")
                    .isOne();
        } finally {
            plain.shutdownNow();
        }
    }

    /** What the caller and the method saw. */
    record Seen(
            String inMethod,
            String callerThread,
            String methodThread,
            String afterCall,
            int destroyedDuringCall) {}

    @RequestScoped
    static class Note {
        static final AtomicInteger DESTROYED = new AtomicInteger();
        private String text = "unset";

        String text() {
            return text;
        }

        void write(String text) {
            this.text = text;
        }

        @PreDestroy
        void destroyed() {
            DESTROYED.incrementAndGet();
        }
    }

    @ApplicationScoped
    static class Caller {
        @Inject Note note;

        @Inject Reader reader;

        @ActivateRequestContext
        Seen setThenReadThroughStage(String text) throws Exception {
            note.write(text);
            int destroyedBefore = Note.DESTROYED.get();
            String[] inMethod = reader.stageWithThread().toCompletableFuture().get();
            return new Seen(
                    inMethod[0],
                    Thread.currentThread().getName(),
                    inMethod[1],
                    note.text(),
                    Note.DESTROYED.get() - destroyedBefore);
        }

        @ActivateRequestContext
        Seen setThenReadThroughFuture(String text) throws Exception {
            note.write(text);
            int destroyedBefore = Note.DESTROYED.get();
            String[] inMethod = reader.future().get();
            return new Seen(
                    inMethod[0],
                    Thread.currentThread().getName(),
                    inMethod[1],
                    note.text(),
                    Note.DESTROYED.get() - destroyedBefore);
        }

        @ActivateRequestContext
        String setThenReadOnSecondAttempt(String text) throws Exception {
            note.write(text);
            return reader.failsOnce().toCompletableFuture().get();
        }
    }

    @ApplicationScoped
    static class Reader {
        private final AtomicInteger failsOnce = new AtomicInteger();

        @Inject Note note;

        @Asynchronous
        CompletionStage<String> stage() {
            return CompletableFuture.completedFuture(note.text());
        }

        @Asynchronous
        CompletionStage<String[]> stageWithThread() {
            return CompletableFuture.completedFuture(
                    new String[] {note.text(), Thread.currentThread().getName()});
        }

        @Asynchronous
        Future<String[]> future() {
            return CompletableFuture.completedFuture(
                    new String[] {note.text(), Thread.currentThread().getName()});
        }

        @Asynchronous
        @Retry(maxRetries = 1, jitter = 0)
        CompletionStage<String> failsOnce() {
            if (failsOnce.getAndIncrement() == 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("first attempt"));
            }
            return CompletableFuture.completedFuture(note.text());
        }
    }
}
