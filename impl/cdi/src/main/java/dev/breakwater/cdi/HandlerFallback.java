package dev.breakwater.cdi;

import dev.breakwater.core.FallbackPolicy;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/** Calls a {@link FallbackHandler}, each call on its own {@link DependentInstance}. */
final class HandlerFallback implements FallbackPolicy.FallbackHandler<InvocationContext> {

    private final DependentInstance<FallbackHandler<?>> handlers;

    HandlerFallback(Class<? extends FallbackHandler<?>> type, BeanManager beanManager) {
        this.handlers = new DependentInstance<>(type, beanManager);
    }

    @Override
    public Object handle(InvocationContext context, Throwable failure) {
        FailedExecution execution =
                new FailedExecution(context.getMethod(), context.getParameters(), failure);
        return handlers.apply(handler -> handler.handle(execution));
    }
}
