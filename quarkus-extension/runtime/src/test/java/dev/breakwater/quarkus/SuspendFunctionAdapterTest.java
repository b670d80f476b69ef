package dev.breakwater.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.core.AsyncMode;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.ThreadPools;
import jakarta.interceptor.InvocationContext;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kotlin.Result;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SuspendFunctionAdapterTest {

    private static final long PATIENCE_SECONDS = 10;
    private static final SuspendFunctionAdapter ADAPTER = SuspendFunctionAdapter.INSTANCE;
    private static final Object SUSPENDED = IntrinsicsKt.getCOROUTINE_SUSPENDED();

    private final ThreadPools threads = ThreadPools.create("suspend-adapter-test");
    private final AtomicInteger attempts = new AtomicInteger();

    /** The continuations of the attempts that suspended, for the test to resume. */
    private final BlockingQueue<Continuation<Object>> suspended = new LinkedBlockingQueue<>();

    private final Caller caller = new Caller();

    /** The signatures the adapter is asked about; {@code greet} as Kotlin compiles {@code suspend fun greet()}. */
    @SuppressWarnings("unused")
    private interface Functions {
        Object greet(Continuation<? super String> continuation);

        CompletionStage<String> stage();
    }

    /** The caller's coroutine, which records how it is resumed. */
    private static final class Caller implements Continuation<Object> {
        final CompletableFuture<Object> resumed = new CompletableFuture<>();

        @Override
        public CoroutineContext getContext() {
            return EmptyCoroutineContext.INSTANCE;
        }

        @Override
        public void resumeWith(Object result) {
            if (result instanceof Result.Failure failure) {
                resumed.completeExceptionally(failure.exception);
            } else {
                resumed.complete(result);
            }
        }
    }

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    /** A call of {@code greet} by {@link #caller}: its attempts return {@code value} at once, or suspend if null. */
    private Invocation greet(Object value) {
        return new Invocation(
                Functions.class,
                "greet",
                parameters -> {
                    attempts.incrementAndGet();
                    if (value != null) {
                        return value;
                    }
                    @SuppressWarnings("unchecked")
                    Continuation<Object> own =
                            (Continuation<Object>) parameters[parameters.length - 1];
                    suspended.add(own);
                    return SUSPENDED;
                },
                caller);
    }

    private Continuation<Object> nextSuspended() throws InterruptedException {
        Continuation<Object> attempt = suspended.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(attempt).as("a suspended attempt").isNotNull();
        return attempt;
    }

    /** An asynchronous pipeline that runs on the caller's thread and retries {@code retries} times, adapted. */
    private Pipeline<InvocationContext> pipeline(int retries) {
        return Pipeline.<InvocationContext>builder(
                        "SuspendFunctionAdapterTest",
                        context -> ADAPTER.toCompletionStage(InvocationContext::proceed, context))
                .asynchronous(AsyncMode.COMPLETION_STAGE)
                .offload(false)
                .retry(new RetryPolicy(retries, 0, 0, 0, ExceptionPredicate.all()))
                .build(threads);
    }

    @Test
    void anAttemptThatReturnsAtOnceCompletesItsStageWithTheValue() throws Exception {
        CompletionStage<?> stage =
                ADAPTER.toCompletionStage(InvocationContext::proceed, greet("at once"));

        assertThat(stage.toCompletableFuture().getNow(null)).isEqualTo("at once");
    }

    @Test
    void
            aSuspendedAttemptRunsWithAContinuationOfItsOwnInTheCallersContextWhoseResumptionCompletesTheStage()
                    throws Exception {
        Invocation call = greet(null);
        Object[] callersParameters = call.getParameters();

        CompletableFuture<?> stage =
                ADAPTER.toCompletionStage(InvocationContext::proceed, call).toCompletableFuture();

        Continuation<Object> attempt = nextSuspended();
        assertThat(attempt).isNotSameAs(caller);
        assertThat(attempt.getContext()).isSameAs(caller.getContext());
        assertThat(callersParameters[0]).as("the caller's parameters").isSameAs(caller);
        assertThat(stage).isNotDone();
        attempt.resumeWith("later");
        assertThat(stage.getNow(null)).isEqualTo("later");
        assertThat(caller.resumed)
                .as("the caller, whom only the pipeline's outcome resumes")
                .isNotDone();
    }

    @Test
    void anAttemptResumedWithAFailureFailsItsStage() throws Exception {
        IllegalStateException failure = new IllegalStateException("after suspending");
        CompletableFuture<?> stage =
                ADAPTER.toCompletionStage(InvocationContext::proceed, greet(null))
                        .toCompletableFuture();

        nextSuspended().resumeWith(ResultKt.createFailure(failure));

        assertThatThrownBy(() -> stage.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isSameAs(failure);
    }

    @Test
    void anOutcomeKnownBeforeTheCallReturnsIsReturnedWithoutSuspendingTheCaller() throws Exception {
        Object returned = ADAPTER.fromCompletionStage(pipeline(0), greet("at once"));

        assertThat(returned).isEqualTo("at once");
        assertThat(caller.resumed).isNotDone();
    }

    @Test
    void aFailureKnownBeforeTheCallReturnsIsThrown() {
        IllegalStateException failure = new IllegalStateException("before suspending");
        Invocation call =
                new Invocation(
                        Functions.class,
                        "greet",
                        parameters -> {
                            throw failure;
                        },
                        caller);

        assertThatThrownBy(() -> ADAPTER.fromCompletionStage(pipeline(0), call)).isSameAs(failure);
        assertThat(caller.resumed).isNotDone();
    }

    @Test
    void aCallThatSuspendsSuspendsTheCallerUntilThePipelinesOutcomeResumesIt() throws Exception {
        Object returned = ADAPTER.fromCompletionStage(pipeline(0), greet(null));

        assertThat(returned).isSameAs(SUSPENDED);
        assertThat(caller.resumed).isNotDone();
        nextSuspended().resumeWith("resumed");
        assertThat(caller.resumed.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("resumed");
    }

    @Test
    void aSuspendFunctionsRoundTripIsGuardedByThePipeline() throws Exception {
        IllegalStateException failure = new IllegalStateException("first attempt");

        Object returned = ADAPTER.fromCompletionStage(pipeline(1), greet(null));

        assertThat(returned).isSameAs(SUSPENDED);
        nextSuspended().resumeWith(ResultKt.createFailure(failure));
        nextSuspended().resumeWith("retried");
        assertThat(caller.resumed.get(PATIENCE_SECONDS, TimeUnit.SECONDS)).isEqualTo("retried");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aCallThatFailsEveryAttemptResumesTheCallerWithTheFailure() throws Exception {
        IllegalStateException failure = new IllegalStateException("every attempt");

        ADAPTER.fromCompletionStage(pipeline(1), greet(null));
        nextSuspended().resumeWith(ResultKt.createFailure(failure));
        nextSuspended().resumeWith(ResultKt.createFailure(failure));

        assertThatThrownBy(() -> caller.resumed.get(PATIENCE_SECONDS, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isSameAs(failure);
    }

    @Test
    void aMethodThatIsNoSuspendFunctionGetsThePipelinesStageAsItIs() throws Exception {
        Pipeline<InvocationContext> pipeline =
                Pipeline.<InvocationContext>builder(
                                "SuspendFunctionAdapterTest", InvocationContext::proceed)
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .offload(false)
                        .build(threads);
        Invocation call =
                new Invocation(
                        Functions.class,
                        "stage",
                        parameters -> CompletableFuture.completedFuture("as it is"));

        Object returned = ADAPTER.fromCompletionStage(pipeline, call);

        assertThat(((CompletionStage<?>) returned).toCompletableFuture().getNow(null))
                .isEqualTo("as it is");
    }
}
