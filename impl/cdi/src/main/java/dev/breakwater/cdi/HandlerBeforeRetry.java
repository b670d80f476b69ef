package dev.breakwater.cdi;

import dev.breakwater.core.BeforeRetryAction;
import io.smallrye.faulttolerance.api.BeforeRetryHandler;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.InvocationContext;

/**
 * Calls a {@code BeforeRetryHandler} before each retry, each time on its own {@link DependentInstance} (as SmallRye
 * creates one per retry), with the call's method, arguments and the failure that caused the retry ({@code null}
 * when a result did).
 */
final class HandlerBeforeRetry implements BeforeRetryAction<InvocationContext> {

    private final DependentInstance<BeforeRetryHandler> handlers;

    @SuppressWarnings("unchecked")
    HandlerBeforeRetry(Class<?> type, BeanManager beanManager) {
        this.handlers =
                new DependentInstance<>((Class<? extends BeforeRetryHandler>) type, beanManager);
    }

    @Override
    public void beforeRetry(InvocationContext context, Throwable lastFailure) {
        FailedExecution execution =
                new FailedExecution(context.getMethod(), context.getParameters(), lastFailure);
        handlers.apply(
                handler -> {
                    handler.handle(execution);
                    return null;
                });
    }
}
