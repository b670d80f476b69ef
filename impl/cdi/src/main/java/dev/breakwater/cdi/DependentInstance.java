package dev.breakwater.cdi;

import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InjectionTarget;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Gives each use of a handler class its own instance, destroyed after the use: a bean of the class if there is one,
 * otherwise a non-contextual instance with its injection points filled and its lifecycle callbacks run. Fallback
 * handlers and before-retry handlers are created this way.
 *
 * @param <T> the handler type
 */
final class DependentInstance<T> {

    private final Class<? extends T> type;
    private final BeanManager beanManager;
    private volatile Optional<Bean<?>> bean;
    private volatile InjectionTarget<T> injectionTarget;

    DependentInstance(Class<? extends T> type, BeanManager beanManager) {
        this.type = type;
        this.beanManager = beanManager;
    }

    /**
     * @param use what to do with the instance
     * @return what {@code use} returned
     */
    <R> R apply(Function<T, R> use) {
        CreationalContext<T> creational = beanManager.createCreationalContext(null);
        try {
            Bean<?> resolved = resolveBean();
            if (resolved != null) {
                return use.apply(type.cast(beanManager.getReference(resolved, type, creational)));
            }
            InjectionTarget<T> target = injectionTarget();
            T instance = target.produce(creational);
            target.inject(instance, creational);
            target.postConstruct(instance);
            try {
                return use.apply(instance);
            } finally {
                target.preDestroy(instance);
                target.dispose(instance);
            }
        } finally {
            creational.release();
        }
    }

    private Bean<?> resolveBean() {
        Optional<Bean<?>> current = bean;
        if (current == null) {
            Set<Bean<?>> beans = beanManager.getBeans(type);
            current =
                    beans.isEmpty()
                            ? Optional.empty()
                            : Optional.ofNullable(beanManager.resolve(beans));
            bean = current;
        }
        return current.orElse(null);
    }

    @SuppressWarnings("unchecked")
    private InjectionTarget<T> injectionTarget() {
        InjectionTarget<T> current = injectionTarget;
        if (current == null) {
            var annotated = beanManager.createAnnotatedType((Class<T>) type);
            current = beanManager.getInjectionTargetFactory(annotated).createInjectionTarget(null);
            injectionTarget = current;
        }
        return current;
    }
}
