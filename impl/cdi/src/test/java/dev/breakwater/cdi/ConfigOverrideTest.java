package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * MicroProfile Config overrides annotation parameters, most specific key first:
 * {@code <class>/<method>/<Annotation>/<parameter>}, then {@code <class>/<Annotation>/<parameter>} (only for an
 * annotation placed on the class), then {@code <Annotation>/<parameter>}, then the annotation itself. The
 * {@code enabled} switches turn annotations off and on. Observed through behaviour: how many times a method that
 * always fails is attempted. (Every {@code @Retry} here sets {@code jitter = 0} only to keep the tests fast.)
 */
class ConfigOverrideTest {

    private static final String METHOD_LEVEL = MethodLevelRetry.class.getName();
    private static final String CLASS_LEVEL = ClassLevelRetry.class.getName();
    private static final Consumer<AlwaysFails> USES_CLASS_LEVEL_RETRY =
            bean -> ((BothLevelsRetry) bean).usesClassLevelRetry();

    /** Calls {@code fail()} once through the container and returns how many attempts the bean saw. */
    private static int attempts(
            Map<String, String> config, Class<? extends AlwaysFails> beanClass) {
        return attempts(config, beanClass, AlwaysFails::fail);
    }

    private static int attempts(
            Map<String, String> config,
            Class<? extends AlwaysFails> beanClass,
            Consumer<AlwaysFails> call) {
        try (WeldContainer container = Deployments.start(config, beanClass)) {
            AlwaysFails bean = container.select(beanClass).get();
            assertThatThrownBy(() -> call.accept(bean)).isInstanceOf(IllegalStateException.class);
            return bean.attempts();
        }
    }

    @Nested
    class ParameterPrecedence {

        @Test
        void withoutConfigTheAnnotationApplies() {
            assertThat(attempts(Map.of(), MethodLevelRetry.class)).isEqualTo(1 + 1);
        }

        @Test
        void annotationKeyBeatsTheAnnotation() {
            assertThat(attempts(Map.of("Retry/maxRetries", "3"), MethodLevelRetry.class))
                    .isEqualTo(1 + 3);
        }

        @Test
        void methodKeyBeatsAnnotationKey() {
            assertThat(
                            attempts(
                                    Map.of(
                                            METHOD_LEVEL + "/fail/Retry/maxRetries",
                                            "2",
                                            "Retry/maxRetries",
                                            "3"),
                                    MethodLevelRetry.class))
                    .isEqualTo(1 + 2);
        }

        @Test
        void classKeyBeatsAnnotationKeyForAClassLevelAnnotation() {
            assertThat(
                            attempts(
                                    Map.of(
                                            CLASS_LEVEL + "/Retry/maxRetries",
                                            "2",
                                            "Retry/maxRetries",
                                            "3"),
                                    ClassLevelRetry.class))
                    .isEqualTo(1 + 2);
        }

        @Test
        void methodKeyIsIgnoredForAClassLevelAnnotation() {
            assertThat(
                            attempts(
                                    Map.of(
                                            CLASS_LEVEL + "/fail/Retry/maxRetries",
                                            "4",
                                            CLASS_LEVEL + "/Retry/maxRetries",
                                            "2",
                                            "Retry/maxRetries",
                                            "3"),
                                    ClassLevelRetry.class))
                    .isEqualTo(1 + 2);
        }

        @Test
        void classKeyBeatsTheClassLevelAnnotation() {
            assertThat(
                            attempts(
                                    Map.of(CLASS_LEVEL + "/Retry/maxRetries", "2"),
                                    ClassLevelRetry.class))
                    .isEqualTo(1 + 2);
        }

        @Test
        void classKeyDoesNotApplyToAMethodLevelAnnotation() {
            assertThat(
                            attempts(
                                    Map.of(METHOD_LEVEL + "/Retry/maxRetries", "3"),
                                    MethodLevelRetry.class))
                    .isEqualTo(1 + 1);
        }

        @Test
        void classKeyAppliesToTheClassLevelAnnotationButNotToAMethodLevelOneInTheSameClass() {
            Map<String, String> config =
                    Map.of(BothLevelsRetry.class.getName() + "/Retry/maxRetries", "4");
            assertThat(attempts(config, BothLevelsRetry.class, AlwaysFails::fail))
                    .as("fail() carries its own @Retry(maxRetries = 1)")
                    .isEqualTo(1 + 1);
            assertThat(attempts(config, BothLevelsRetry.class, USES_CLASS_LEVEL_RETRY))
                    .as(
                            "usesClassLevelRetry() gets the class-level @Retry, which the class key overrides")
                    .isEqualTo(1 + 4);
        }

        @Test
        void aMethodKeyNamingTheDeclaringClassAppliesToAnInheritedMethod() {
            assertThat(
                            attempts(
                                    Map.of(
                                            RetryingBase.class.getName() + "/fail/Retry/maxRetries",
                                            "2"),
                                    InheritsRetry.class))
                    .isEqualTo(1 + 2);
        }

        @Test
        void aMethodKeyNamingTheBeanClassBeatsOneNamingTheDeclaringClass() {
            assertThat(
                            attempts(
                                    Map.of(
                                            InheritsRetry.class.getName()
                                                            + "/fail/Retry/maxRetries",
                                                    "3",
                                            RetryingBase.class.getName() + "/fail/Retry/maxRetries",
                                                    "2"),
                                    InheritsRetry.class))
                    .isEqualTo(1 + 3);
        }
    }

    @Nested
    class EnabledSwitches {

        @Test
        void enabledSwitchesReadBooleansTheWayMicroProfileConfigDoes() {
            assertThat(
                            attempts(
                                    Map.of(
                                            "MP_Fault_Tolerance_NonFallback_Enabled",
                                            "false",
                                            "Retry/enabled",
                                            "yes"),
                                    MethodLevelRetry.class))
                    .isEqualTo(1 + 1);
        }

        @Test
        void annotationKeyDisablesTheAnnotationEverywhere() {
            assertThat(attempts(Map.of("Retry/enabled", "false"), MethodLevelRetry.class))
                    .isEqualTo(1);
            assertThat(attempts(Map.of("Retry/enabled", "false"), ClassLevelRetry.class))
                    .isEqualTo(1);
        }

        @Test
        void methodKeyDisablesTheAnnotationOnThatMethodOnly() {
            Map<String, String> config =
                    Map.of(BothLevelsRetry.class.getName() + "/fail/Retry/enabled", "false");
            assertThat(attempts(config, BothLevelsRetry.class, AlwaysFails::fail)).isEqualTo(1);
            assertThat(attempts(config, BothLevelsRetry.class, USES_CLASS_LEVEL_RETRY))
                    .isEqualTo(1 + 2);
        }

        @Test
        void classKeyDisablesTheAnnotationOnEveryMethodOfTheClass() {
            Map<String, String> config =
                    Map.of(BothLevelsRetry.class.getName() + "/Retry/enabled", "false");
            assertThat(attempts(config, BothLevelsRetry.class, AlwaysFails::fail)).isEqualTo(1);
            assertThat(attempts(config, BothLevelsRetry.class, USES_CLASS_LEVEL_RETRY))
                    .isEqualTo(1);
        }

        @Test
        void methodKeyReenablesWhatTheClassKeyDisabled() {
            assertThat(
                            attempts(
                                    Map.of(
                                            METHOD_LEVEL + "/fail/Retry/enabled", "true",
                                            METHOD_LEVEL + "/Retry/enabled", "false"),
                                    MethodLevelRetry.class))
                    .isEqualTo(1 + 1);
        }

        @Test
        void aSubclassBeanWhoseOnlyPolicyIsDisabledDoesNotTakeOnItsSuperclassBeansPolicy() {
            Map<String, String> config =
                    Map.of(
                            RetriedUnlessSubclassed.class.getName() + "/fail/Retry/enabled",
                            "false");
            try (WeldContainer container =
                    Deployments.start(config, RetryingBean.class, RetriedUnlessSubclassed.class)) {
                AlwaysFails subclass = container.select(RetriedUnlessSubclassed.class).get();
                AlwaysFails superclass = container.select(RetryingBean.class).get();
                assertThatThrownBy(subclass::fail).isInstanceOf(IllegalStateException.class);
                assertThatThrownBy(superclass::fail).isInstanceOf(IllegalStateException.class);

                assertThat(subclass.attempts()).isEqualTo(1);
                assertThat(superclass.attempts()).isEqualTo(1 + 1);
            }
        }

        @Test
        void nonFallbackSwitchDisablesRetryButKeepsFallback() {
            try (WeldContainer container =
                    Deployments.start(
                            Map.of("MP_Fault_Tolerance_NonFallback_Enabled", "false"),
                            RetryWithFallback.class)) {
                RetryWithFallback bean = container.select(RetryWithFallback.class).get();

                assertThat(bean.call()).isEqualTo("fallback after 1 attempt(s)");
            }
        }

        @Test
        void withoutTheNonFallbackSwitchRetryAndFallbackBothApply() {
            try (WeldContainer container = Deployments.start(RetryWithFallback.class)) {
                RetryWithFallback bean = container.select(RetryWithFallback.class).get();

                assertThat(bean.call()).isEqualTo("fallback after 3 attempt(s)");
            }
        }

        @Test
        void annotationEnabledKeyBeatsTheNonFallbackSwitch() {
            assertThat(
                            attempts(
                                    Map.of(
                                            "MP_Fault_Tolerance_NonFallback_Enabled", "false",
                                            "Retry/enabled", "true"),
                                    MethodLevelRetry.class))
                    .isEqualTo(1 + 1);
        }

        @Test
        void fallbackCanBeDisabledOnItsOwn() {
            try (WeldContainer container =
                    Deployments.start(
                            Map.of("Fallback/enabled", "false"), RetryWithFallback.class)) {
                RetryWithFallback bean = container.select(RetryWithFallback.class).get();

                assertThatThrownBy(bean::call).isInstanceOf(IllegalStateException.class);
                assertThat(bean.attempts()).isEqualTo(1 + 2);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A bean whose {@code fail()} always throws and counts its attempts. */
    public abstract static class AlwaysFails {
        private final AtomicInteger attempts = new AtomicInteger();

        public void fail() {
            throw new IllegalStateException("attempt " + attempts.incrementAndGet());
        }

        public int attempts() {
            return attempts.get();
        }
    }

    @ApplicationScoped
    public static class MethodLevelRetry extends AlwaysFails {
        @Override
        @Retry(maxRetries = 1, jitter = 0)
        public void fail() {
            super.fail();
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 1, jitter = 0)
    public static class ClassLevelRetry extends AlwaysFails {
        @Override
        public void fail() {
            super.fail();
        }
    }

    @ApplicationScoped
    @Retry(maxRetries = 2, jitter = 0)
    public static class BothLevelsRetry extends AlwaysFails {
        @Override
        @Retry(maxRetries = 1, jitter = 0)
        public void fail() {
            super.fail();
        }

        public void usesClassLevelRetry() {
            super.fail();
        }
    }

    public abstract static class RetryingBase extends AlwaysFails {
        @Override
        @Retry(maxRetries = 1, jitter = 0)
        public void fail() {
            super.fail();
        }
    }

    @ApplicationScoped
    public static class InheritsRetry extends RetryingBase {}

    @ApplicationScoped
    public static class RetryingBean extends AlwaysFails {
        @Override
        @Retry(maxRetries = 1, jitter = 0)
        public void fail() {
            super.fail();
        }
    }

    @ApplicationScoped
    @Typed(RetriedUnlessSubclassed.class)
    public static class RetriedUnlessSubclassed extends RetryingBean {}

    @ApplicationScoped
    public static class RetryWithFallback {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        public String call() {
            attempts.incrementAndGet();
            throw new IllegalStateException("down");
        }

        String fallback() {
            return "fallback after " + attempts.get() + " attempt(s)";
        }

        public int attempts() {
            return attempts.get();
        }
    }
}
