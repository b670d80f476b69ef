package dev.breakwater.benchmarks.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the interceptor {@link ThrowingInterceptorExtension} registers as a bean: the same refusal as
 * {@link Throwing}, without Weld's reflective call.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ThrowingDirectly {

    /** The binding as a value, for registering the interceptor. */
    final class Literal extends AnnotationLiteral<ThrowingDirectly> implements ThrowingDirectly {

        private static final long serialVersionUID = 1L;

        static final Literal INSTANCE = new Literal();
    }
}
