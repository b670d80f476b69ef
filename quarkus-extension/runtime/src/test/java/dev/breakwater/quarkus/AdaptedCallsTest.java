package dev.breakwater.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breakwater.cdi.CompletionStageAdapter;
import dev.breakwater.core.AsyncMode;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.ThreadPools;
import io.smallrye.mutiny.Uni;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.EmptyCoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdaptedCallsTest {

    private static final CompletionStageAdapter BOTH = AdaptedCalls.of(true, true);

    private final ThreadPools threads = ThreadPools.create("adapted-calls-test");

    @SuppressWarnings("unused")
    private interface Methods {
        Uni<String> uni();

        Object greet(Continuation<? super String> continuation);

        CompletionStage<String> stage();
    }

    /** A caller's coroutine that is never resumed in these tests. */
    private static final Continuation<Object> CALLER =
            new Continuation<>() {
                @Override
                public CoroutineContext getContext() {
                    return EmptyCoroutineContext.INSTANCE;
                }

                @Override
                public void resumeWith(Object result) {
                    throw new AssertionError("resumed with " + result);
                }
            };

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    private Pipeline<InvocationContext> adaptedPipeline() {
        return Pipeline.<InvocationContext>builder(
                        "AdaptedCallsTest",
                        context -> BOTH.toCompletionStage(InvocationContext::proceed, context))
                .asynchronous(AsyncMode.COMPLETION_STAGE)
                .offload(false)
                .build(threads);
    }

    @Test
    void anApplicationWithOneLibraryGetsItsAdapterAndOneWithNeitherGetsNone() {
        assertThat(AdaptedCalls.of(true, false)).isSameAs(UniAdapter.INSTANCE);
        assertThat(AdaptedCalls.of(false, true)).isSameAs(SuspendFunctionAdapter.INSTANCE);
        assertThat(AdaptedCalls.of(false, false)).isSameAs(CompletionStageAdapter.NONE);
    }

    @Test
    void aUniMethodGoesBothWaysThroughTheUniAdapter() throws Exception {
        Invocation call =
                new Invocation(Methods.class, "uni", parameters -> Uni.createFrom().item("uni"));

        Object returned = BOTH.fromCompletionStage(adaptedPipeline(), call);

        assertThat(((Uni<?>) returned).await().atMost(Duration.ofSeconds(10))).isEqualTo("uni");
    }

    @Test
    void aSuspendFunctionGoesBothWaysThroughTheSuspendFunctionAdapter() throws Exception {
        Invocation call = new Invocation(Methods.class, "greet", parameters -> "at once", CALLER);

        Object returned = BOTH.fromCompletionStage(adaptedPipeline(), call);

        assertThat(returned)
                .isEqualTo("at once")
                .isNotSameAs(IntrinsicsKt.getCOROUTINE_SUSPENDED());
    }

    @Test
    void aCompletionStageMethodGetsThePipelinesStageAsItIs() throws Exception {
        Pipeline<InvocationContext> pipeline =
                Pipeline.<InvocationContext>builder("AdaptedCallsTest", InvocationContext::proceed)
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .offload(false)
                        .build(threads);
        Invocation call =
                new Invocation(
                        Methods.class,
                        "stage",
                        parameters -> CompletableFuture.completedFuture("as it is"));

        Object returned = BOTH.fromCompletionStage(pipeline, call);

        assertThat(((CompletionStage<?>) returned).toCompletableFuture().getNow(null))
                .isEqualTo("as it is");
    }
}
