package dev.breakwater.quarkus.deployment;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.inject.Stereotype;
import jakarta.enterprise.inject.Vetoed;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Bean classes on which the two discoveries (by reflection on Weld, on the Jandex index on Quarkus) must agree. The
 * values differ per placement, so that a result shows which declaration won.
 */
final class DiscoveryFixtures {

    private DiscoveryFixtures() {}

    static class MethodLevel {
        @Retry(maxRetries = 1)
        public String guarded() {
            return "";
        }

        public String unguarded() {
            return "";
        }

        @Retry(maxRetries = 2)
        private String privateMethod() {
            return "";
        }

        @Retry(maxRetries = 3)
        public static String staticMethod() {
            return "";
        }
    }

    @Timeout(100)
    @Retry(maxRetries = 4)
    static class ClassLevel {
        @Retry(maxRetries = 5)
        @ExponentialBackoff
        public String methodWins() {
            return "";
        }

        public String classOnly() {
            return "";
        }
    }

    @CircuitBreaker(requestVolumeThreshold = 6)
    static class Base {
        @Retry(maxRetries = 7)
        public String overridden() {
            return "";
        }

        @Fallback(fallbackMethod = "inheritedFallback")
        public String inherited() {
            return "";
        }

        public String inheritedFallback() {
            return "";
        }
    }

    static class Sub extends Base {
        @Override
        public String overridden() {
            return "";
        }

        @Bulkhead(8)
        public String own() {
            return "";
        }
    }

    @Timeout(200)
    static class SubWithOwnClassAnnotation extends Base {}

    @Vetoed
    @Retry(maxRetries = 9)
    static class VetoedBase {
        @Timeout(300)
        public String fromVetoed() {
            return "";
        }
    }

    static class BeanOfVetoed extends VetoedBase {}

    @Stereotype
    @Retry(maxRetries = 10)
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @interface Resilient {}

    @Stereotype
    @Resilient
    @Timeout(400)
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @interface VeryResilient {}

    @Stereotype
    @CycleB
    @Timeout(500)
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @interface CycleA {}

    @Stereotype
    @CycleA
    @Bulkhead(11)
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
    @interface CycleB {}

    @Inherited
    @Stereotype
    @Bulkhead(12)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface InheritedStereotype {}

    @Stereotype
    @Bulkhead(13)
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface PlainStereotype {}

    @Resilient
    static class WithStereotype {
        public String fromStereotype() {
            return "";
        }

        @Retry(maxRetries = 14)
        public String methodOverStereotype() {
            return "";
        }
    }

    @VeryResilient
    @Retry(maxRetries = 15)
    static class WithNestedStereotype {
        public String nested() {
            return "";
        }
    }

    @CycleA
    static class WithStereotypeCycle {
        public String cyclic() {
            return "";
        }
    }

    @InheritedStereotype
    static class StereotypedBase {}

    static class SubOfStereotyped extends StereotypedBase {
        public String fromInheritedStereotype() {
            return "";
        }
    }

    @PlainStereotype
    static class PlainStereotypedBase {}

    static class SubOfPlainStereotyped extends PlainStereotypedBase {
        public String notFromStereotype() {
            return "";
        }

        @Timeout(900)
        public String own() {
            return "";
        }
    }

    abstract static class GenericBase<T> {
        @Retry(maxRetries = 16)
        public T echo(T value) {
            return value;
        }

        @Timeout(600)
        public abstract T make();
    }

    static class StringEcho extends GenericBase<String> {
        @Override
        @Timeout(700)
        public String echo(String value) {
            return value;
        }

        @Override
        public String make() {
            return "";
        }
    }

    @Blocking
    static class BlockingHintBase {}

    @NonBlocking
    static class ThreadHints extends BlockingHintBase {
        @Asynchronous
        public CompletionStage<String> asynchronous() {
            return null;
        }

        @Blocking
        public String hintOnly() {
            return "";
        }
    }

    interface WithDefault {
        @Retry(maxRetries = 17)
        default String fromInterface() {
            return "";
        }
    }

    static class ImplementsDefault implements WithDefault {
        @Timeout(800)
        public String own() {
            return "";
        }
    }
}
