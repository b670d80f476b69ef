package dev.breakwater.benchmarks.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.interceptor.Interceptor;
import org.jboss.weld.bootstrap.event.WeldAfterBeanDiscovery;

/**
 * Registers an interceptor bean (a {@code jakarta.enterprise.inject.spi.Interceptor}, here through Weld's
 * configurator) that refuses every call bound by {@link ThrowingDirectly} with {@link Refusal#INSTANCE}. Weld calls
 * such a bean's {@code intercept} method directly, not by reflection, so nothing wraps the refusal: the row it
 * serves shows what a throwing interceptor costs on Weld without the reflective wrapping.
 */
public class ThrowingInterceptorExtension implements Extension {

    void register(@Observes WeldAfterBeanDiscovery event) {
        event.addInterceptor()
                .addBinding(ThrowingDirectly.Literal.INSTANCE)
                .priority(Interceptor.Priority.PLATFORM_AFTER + 10)
                .intercept(
                        InterceptionType.AROUND_INVOKE,
                        context -> {
                            throw Refusal.INSTANCE;
                        });
    }
}
