package dev.breakwater.quarkus;

import dev.breakwater.cdi.CompletionStageAdapter;
import dev.breakwater.cdi.SuspendFunctions;
import dev.breakwater.core.Callee;
import dev.breakwater.core.Pipeline;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import kotlin.Result;
import kotlin.ResultKt;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.CoroutineContext;
import kotlin.coroutines.intrinsics.IntrinsicsKt;

/**
 * Guards Kotlin {@code suspend} functions like {@code CompletionStage} methods, both ways: each attempt's outcome
 * completes a stage, and the pipeline's stage resumes the caller. Loaded only when Kotlin is on the class path.
 *
 * <p>Each attempt (and a fallback method, itself a suspend function) gets a continuation of its own in place of
 * the caller's, in a fresh copy of the parameters: it completes the attempt's stage, and it runs in the caller's
 * coroutine context, so the function resumes on the caller's dispatcher after it suspends. The caller itself
 * suspends until the pipeline's outcome is known, and is resumed through its dispatcher; an outcome known before
 * the call returns is returned (or thrown) at once, without suspending.
 */
final class SuspendFunctionAdapter implements CompletionStageAdapter {

    static final SuspendFunctionAdapter INSTANCE = new SuspendFunctionAdapter();

    private SuspendFunctionAdapter() {}

    @Override
    public boolean adapts(Method method) {
        return SuspendFunctions.isSuspend(method);
    }

    @Override
    public CompletionStage<?> toCompletionStage(
            Callee<InvocationContext> operation, InvocationContext context) throws Exception {
        Object[] parameters = context.getParameters().clone();
        int last = parameters.length - 1;
        CoroutineContext coroutineContext = ((Continuation<?>) parameters[last]).getContext();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        parameters[last] = new AttemptContinuation(coroutineContext, outcome);
        // A fresh array per attempt: an attempt that outlived its timeout keeps the array it was
        // started with.
        context.setParameters(parameters);
        Object result = operation.call(context);
        if (result != IntrinsicsKt.getCOROUTINE_SUSPENDED()) {
            outcome.complete(result);
        }
        return outcome;
    }

    /**
     * @return the function's result, or the marker that the caller is suspended and will be resumed with it
     * @throws Exception the failure of a call whose outcome was known before it returned
     */
    @Override
    @SuppressWarnings("unchecked")
    public Object fromCompletionStage(
            Pipeline<InvocationContext> pipeline, InvocationContext context) throws Exception {
        // Only methods returning a stage, a Future or an adapted type get an asynchronous pipeline;
        // of those, only a
        // compiled suspend function returns Object. Decided so per call, since it costs no
        // reflection.
        if (context.getMethod().getReturnType() != Object.class) {
            return CompletionStageAdapter.super.fromCompletionStage(pipeline, context);
        }
        Object[] parameters = context.getParameters();
        Continuation<Object> caller = (Continuation<Object>) parameters[parameters.length - 1];
        CompletionStage<?> outcome = (CompletionStage<?>) pipeline.call(context);
        return new CallerResumption(caller).await(outcome);
    }

    /** Completes one attempt's stage when the attempt's coroutine ends. */
    private static final class AttemptContinuation implements Continuation<Object> {

        private final CoroutineContext context;
        private final CompletableFuture<Object> outcome;

        AttemptContinuation(CoroutineContext context, CompletableFuture<Object> outcome) {
            this.context = context;
            this.outcome = outcome;
        }

        @Override
        public CoroutineContext getContext() {
            return context;
        }

        @Override
        public void resumeWith(Object result) {
            // A kotlin.Result, compiled: the value itself, or a Failure that holds the exception.
            if (result instanceof Result.Failure failure) {
                outcome.completeExceptionally(failure.exception);
            } else {
                outcome.complete(result);
            }
        }
    }

    /**
     * Hands the pipeline's outcome to the caller exactly once: returned or thrown if it is known before the call
     * returns, otherwise through the caller's continuation once the call has suspended. The race between the two
     * is decided by one compare-and-set.
     */
    private static final class CallerResumption extends AtomicInteger
            implements BiConsumer<Object, Throwable> {

        private static final int PENDING = 0;
        private static final int SUSPENDED = 1;
        private static final int COMPLETED = 2;

        private final Continuation<Object> caller;
        private Object value;
        private Throwable failure;

        CallerResumption(Continuation<Object> caller) {
            this.caller = caller;
        }

        Object await(CompletionStage<?> outcome) throws Exception {
            outcome.whenComplete(this);
            if (compareAndSet(PENDING, SUSPENDED)) {
                return IntrinsicsKt.getCOROUTINE_SUSPENDED();
            }
            if (failure == null) {
                return value;
            }
            if (failure instanceof Exception exception) {
                throw exception;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new CompletionException(failure);
        }

        @Override
        public void accept(Object result, Throwable thrown) {
            value = result;
            failure = thrown == null ? null : unwrap(thrown);
            if (!compareAndSet(PENDING, COMPLETED)) {
                IntrinsicsKt.intercepted(caller)
                        .resumeWith(failure == null ? value : ResultKt.createFailure(failure));
            }
        }

        private static Throwable unwrap(Throwable thrown) {
            Throwable current = thrown;
            while ((current instanceof CompletionException || current instanceof ExecutionException)
                    && current.getCause() != null) {
                current = current.getCause();
            }
            return current;
        }
    }
}
