package dev.breakwater.cdi;

import dev.breakwater.core.FallbackPolicy;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

import java.util.Optional;
import java.util.Set;

/**
 * Calls a {@link FallbackHandler}: a bean of the handler class if there is one, otherwise a non-contextual
 * instance with its injection points filled. Each call gets its own dependent instance, destroyed afterwards.
 */
final class HandlerFallback implements FallbackPolicy.FallbackHandler<InvocationContext> {

    private final Class<? extends FallbackHandler<?>> type;
    private final BeanManager beanManager;
    private volatile Optional<Bean<?>> bean;
    private volatile InjectionTarget<FallbackHandler<?>> injectionTarget;

    HandlerFallback(Class<? extends FallbackHandler<?>> type, BeanManager beanManager) {
        this.type = type;
        this.beanManager = beanManager;
    }

    @Override
    public Object handle(InvocationContext context, Throwable failure) {
        FailedExecution execution = new FailedExecution(context.getMethod(), context.getParameters(), failure);
        CreationalContext<FallbackHandler<?>> creational = beanManager.createCreationalContext(null);
        try {
            Bean<?> resolved = resolveBean();
            if (resolved != null) {
                FallbackHandler<?> handler = (FallbackHandler<?>) beanManager.getReference(resolved, type, creational);
                return handler.handle(execution);
            }
            InjectionTarget<FallbackHandler<?>> target = injectionTarget();
            FallbackHandler<?> handler = target.produce(creational);
            target.inject(handler, creational);
            target.postConstruct(handler);
            try {
                return handler.handle(execution);
            } finally {
                target.preDestroy(handler);
                target.dispose(handler);
            }
        } finally {
            creational.release();
        }
    }

    private Bean<?> resolveBean() {
        Optional<Bean<?>> current = bean;
        if (current == null) {
            Set<Bean<?>> beans = beanManager.getBeans(type);
            current = beans.isEmpty() ? Optional.empty() : Optional.ofNullable(beanManager.resolve(beans));
            bean = current;
        }
        return current.orElse(null);
    }

    @SuppressWarnings("unchecked")
    private InjectionTarget<FallbackHandler<?>> injectionTarget() {
        InjectionTarget<FallbackHandler<?>> current = injectionTarget;
        if (current == null) {
            var annotated = beanManager.createAnnotatedType((Class<FallbackHandler<?>>) type);
            current = beanManager.getInjectionTargetFactory(annotated).createInjectionTarget(null);
            injectionTarget = current;
        }
        return current;
    }
}
