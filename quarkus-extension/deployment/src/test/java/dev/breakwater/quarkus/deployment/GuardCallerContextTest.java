package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@code Guard}'s asynchronous actions on Quarkus, as SmallRye's: without thread offload the action runs on the
 * caller's thread, in the caller's contexts; with it, the action runs on another thread with the contexts its
 * caller had active (the incumbent's offload executor propagates them). A caller without a request context gives
 * the action a new one that ends with it, as an {@code @Asynchronous} call gets (the incumbent's gives none). One
 * guard's synchronous and asynchronous actions share its bulkhead.
 */
@org.junit.jupiter.api.Timeout(60)
class GuardCallerContextTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(archive -> archive.addClasses(Note.class, Caller.class));

    @Inject Caller caller;

    @Inject Note note;

    @Test
    void anOffloadedActionSeesTheRequestScopedBeanItsCallerSetOnAnotherThread() throws Exception {
        Seen seen = caller.setThenRead(caller.offloaded, "from the caller");

        assertThat(seen.inAction()).isEqualTo("from the caller");
        assertThat(seen.actionThread()).isNotEqualTo(seen.callerThread());
        assertThat(seen.afterCall()).isEqualTo("from the caller");
        assertThat(seen.destroyedDuringCall())
                .as("request-scoped beans destroyed by the call")
                .isZero();
    }

    @Test
    void anActionWithoutOffloadRunsOnTheCallersThreadInItsContext() throws Exception {
        Seen seen = caller.setThenRead(caller.inPlace, "in place");

        assertThat(seen.inAction()).isEqualTo("in place");
        assertThat(seen.actionThread()).isEqualTo(seen.callerThread());
    }

    @Test
    void aCallerWithoutARequestContextGivesTheOffloadedActionANewOneThatEndsWithIt()
            throws Exception {
        ExecutorService plain = Executors.newSingleThreadExecutor();
        try {
            assertThat(plain.submit(() -> Arc.container().requestContext().isActive()).get())
                    .as("precondition: a plain thread has no request context")
                    .isFalse();
            int destroyedBefore = Note.DESTROYED.get();

            String inAction =
                    plain.submit(
                                    () ->
                                            caller.offloaded
                                                    .call(
                                                            () ->
                                                                    CompletableFuture
                                                                            .completedFuture(
                                                                                    note.text()),
                                                            Caller.<String>stageOf())
                                                    .toCompletableFuture()
                                                    .get(10, TimeUnit.SECONDS))
                            .get();

            assertThat(inAction).isEqualTo("unset");
            assertThat(Note.DESTROYED.get() - destroyedBefore)
                    .as("the action's own context was destroyed")
                    .isOne();
        } finally {
            plain.shutdownNow();
        }
    }

    @Test
    void anAsynchronousActionHoldingTheBulkheadsOnlyPlaceRefusesASynchronousCall()
            throws Exception {
        CompletableFuture<String> pending = new CompletableFuture<>();
        CompletionStage<String> holding =
                caller.oneAtATime.call(() -> pending, Caller.<String>stageOf());

        assertThatThrownBy(() -> caller.oneAtATime.call(() -> "sync", String.class))
                .isInstanceOf(BulkheadException.class);
        pending.complete("async");
        assertThat(holding.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("async");
    }

    /** What the caller and the action saw. */
    record Seen(
            String inAction,
            String callerThread,
            String actionThread,
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
        final Guard offloaded = Guard.create().withThreadOffload(true).build();
        final Guard inPlace = Guard.create().build();
        final Guard oneAtATime = Guard.create().withBulkhead().limit(1).queueSize(1).done().build();

        @Inject Note note;

        @ActivateRequestContext
        Seen setThenRead(Guard guard, String text) throws Exception {
            note.write(text);
            int destroyedBefore = Note.DESTROYED.get();
            String[] inAction =
                    guard.call(
                                    () ->
                                            CompletableFuture.completedFuture(
                                                    new String[] {
                                                        note.text(),
                                                        Thread.currentThread().getName()
                                                    }),
                                    Caller.<String[]>stageOf())
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
            return new Seen(
                    inAction[0],
                    Thread.currentThread().getName(),
                    inAction[1],
                    note.text(),
                    Note.DESTROYED.get() - destroyedBefore);
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        static <T> Class<CompletionStage<T>> stageOf() {
            return (Class) CompletionStage.class;
        }
    }
}
