package dev.breakwater.cdi;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/** What a {@code @Fallback} calls: a handler class or a method of the bean. */
sealed interface FallbackTarget {

    /**
     * @param type the handler class, instantiated through CDI
     */
    record Handler(Class<? extends FallbackHandler<?>> type) implements FallbackTarget {}

    /**
     * @param method the fallback method, invoked on the bean instance so that overrides apply
     */
    record BeanMethod(Method method) implements FallbackTarget {}

    /**
     * SmallRye's non-compatible mode: methods of the bean that also take the failure, chosen by its type.
     *
     * @param withException the fallback methods whose last parameter is an exception type, one per type
     * @param withoutException the fallback method with the guarded method's parameters only, for the failures that
     *                         no exception parameter accepts
     */
    record BeanMethodsByException(List<Method> withException, Optional<Method> withoutException)
            implements FallbackTarget {}
}
