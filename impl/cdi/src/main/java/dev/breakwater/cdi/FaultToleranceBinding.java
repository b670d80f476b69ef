package dev.breakwater.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one interceptor binding behind all six fault-tolerance annotations. The extension declares it on each of
 * them, so that any of them, alone or combined, binds the single {@link FaultToleranceInterceptor}.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface FaultToleranceBinding {

    /** The annotation instance. */
    final class Literal extends AnnotationLiteral<FaultToleranceBinding>
            implements FaultToleranceBinding {
        private static final long serialVersionUID = 1L;

        /** The one instance. */
        public static final Literal INSTANCE = new Literal();
    }
}
