package dev.breakwater.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The binding of {@link ApplyGuardInterceptor}. It is declared on SmallRye's {@code @ApplyGuard} when the container
 * starts (an interceptor binding on another makes it transitive), so the interceptor binds whatever the guard's
 * identifier: {@code @ApplyGuard}'s {@code value} is a binding member, which an interceptor could not match for
 * every value.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApplyGuardBinding {

    /** The annotation's instance, for declaring it. */
    final class Literal extends AnnotationLiteral<ApplyGuardBinding> implements ApplyGuardBinding {
        /** The only instance. */
        public static final Literal INSTANCE = new Literal();

        private static final long serialVersionUID = 1L;

        private Literal() {}
    }
}
