package dev.breakwater.cdi;

import org.eclipse.microprofile.faulttolerance.FallbackHandler;

import java.lang.reflect.Method;

/** What a {@code @Fallback} calls: a handler class or a method of the bean. */
sealed interface FallbackTarget {

    /**
     * @param type the handler class, instantiated through CDI
     */
    record Handler(Class<? extends FallbackHandler<?>> type) implements FallbackTarget {
    }

    /**
     * @param method the fallback method, invoked on the bean instance so that overrides apply
     */
    record BeanMethod(Method method) implements FallbackTarget {
    }
}
