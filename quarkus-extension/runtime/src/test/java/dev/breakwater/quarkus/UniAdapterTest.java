package dev.breakwater.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.core.AsyncMode;
import dev.breakwater.core.ExceptionPredicate;
import dev.breakwater.core.Pipeline;
import dev.breakwater.core.RetryPolicy;
import dev.breakwater.core.ThreadPools;
import io.smallrye.mutiny.Uni;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UniAdapterTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final UniAdapter ADAPTER = UniAdapter.INSTANCE;

    private final ThreadPools threads = ThreadPools.create("uni-adapter-test");
    private final AtomicInteger calls = new AtomicInteger();

    /** The signatures the adapter is asked about. */
    @SuppressWarnings("unused")
    private interface Methods {
        Uni<String> uni();

        CompletionStage<String> stage();
    }

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    /** A call of {@code uni()} that counts itself and returns what {@code result} gives on each call. */
    private Invocation uniCall(IntFunction<Uni<String>> result) {
        return new Invocation(
                Methods.class, "uni", parameters -> result.apply(calls.incrementAndGet()));
    }

    /** An asynchronous pipeline that runs on the caller's thread and retries once, its attempts adapted. */
    private Pipeline<InvocationContext> pipeline() {
        return Pipeline.<InvocationContext>builder(
                        "UniAdapterTest",
                        context -> ADAPTER.toCompletionStage(InvocationContext::proceed, context))
                .asynchronous(AsyncMode.COMPLETION_STAGE)
                .offload(false)
                .retry(new RetryPolicy(1, 0, 0, 0, ExceptionPredicate.all()))
                .build(threads);
    }

    @Test
    void anAttemptsUniBecomesAStageThatCompletesWithItsItem() throws Exception {
        Invocation call = uniCall(n -> Uni.createFrom().item("hello " + n));

        CompletionStage<?> stage = ADAPTER.toCompletionStage(InvocationContext::proceed, call);

        assertThat(stage.toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("hello 1");
        assertThat(calls).hasValue(1);
    }

    @Test
    void anAttemptsFailedUniBecomesAFailedStage() throws Exception {
        IllegalStateException failure = new IllegalStateException("no");
        Invocation call = uniCall(n -> Uni.createFrom().failure(failure));

        CompletableFuture<?> stage =
                ADAPTER.toCompletionStage(InvocationContext::proceed, call).toCompletableFuture();

        assertThatThrownBy(() -> stage.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isSameAs(failure);
    }

    @Test
    void theGuardedCallGoesBackToTheCallerAsAUniThatStartsItOnEachSubscription() throws Exception {
        Invocation call = uniCall(n -> Uni.createFrom().item("hello " + n));

        Object returned = ADAPTER.fromCompletionStage(pipeline(), call);

        assertThat(returned).isInstanceOf(Uni.class);
        assertThat(calls).as("calls before a subscription").hasValue(0);
        Uni<?> uni = (Uni<?>) returned;
        assertThat(uni.await().atMost(PATIENCE)).isEqualTo("hello 1");
        assertThat(uni.await().atMost(PATIENCE)).isEqualTo("hello 2");
    }

    @Test
    void aUniMethodsRoundTripIsGuardedByThePipeline() throws Exception {
        IllegalStateException failure = new IllegalStateException("first attempt");
        Invocation call =
                uniCall(
                        n ->
                                n == 1
                                        ? Uni.createFrom().failure(failure)
                                        : Uni.createFrom().item("retried"));

        Uni<?> uni = (Uni<?>) ADAPTER.fromCompletionStage(pipeline(), call);

        assertThat(uni.await().atMost(PATIENCE)).isEqualTo("retried");
        assertThat(calls).as("attempts").hasValue(2);
    }

    @Test
    void aGuardedCallThatFailsEveryAttemptFailsTheCallersUni() throws Exception {
        IllegalStateException failure = new IllegalStateException("every attempt");
        Invocation call = uniCall(n -> Uni.createFrom().failure(failure));

        Uni<?> uni = (Uni<?>) ADAPTER.fromCompletionStage(pipeline(), call);

        assertThatThrownBy(() -> uni.await().atMost(PATIENCE)).isSameAs(failure);
        assertThat(calls).as("attempts").hasValue(2);
    }

    @Test
    void aCompletionStageMethodGetsThePipelinesStageAsItIs() throws Exception {
        Pipeline<InvocationContext> pipeline =
                Pipeline.<InvocationContext>builder("UniAdapterTest", InvocationContext::proceed)
                        .asynchronous(AsyncMode.COMPLETION_STAGE)
                        .offload(false)
                        .build(threads);
        Invocation call =
                new Invocation(
                        Methods.class,
                        "stage",
                        parameters -> CompletableFuture.completedFuture("as it is"));

        Object returned = ADAPTER.fromCompletionStage(pipeline, call);

        assertThat(returned).isInstanceOf(CompletionStage.class);
        assertThat(((CompletionStage<?>) returned).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo("as it is");
    }
}
