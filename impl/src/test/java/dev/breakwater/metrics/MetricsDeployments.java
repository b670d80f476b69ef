package dev.breakwater.metrics;

import dev.breakwater.cdi.FaultToleranceExtension;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Boots Weld SE with only the given bean classes and Breakwater's extension, under a MicroProfile Config holding
 * exactly the given properties, the way the CDI tests do: the config is registered for the thread's context
 * class loader while the container boots (the extension reads it then) and released right after.
 */
final class MetricsDeployments {

    private MetricsDeployments() {
    }

    static WeldContainer start(Map<String, String> config, Class<?>... beanClasses) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(ConfigProvider.getConfig(loader));
        Config testConfig = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(config, "test config", 500))
                .build();
        resolver.registerConfig(testConfig, loader);
        try {
            return new Weld()
                    .disableDiscovery()
                    .addBeanClasses(beanClasses)
                    .addExtension(new FaultToleranceExtension())
                    .initialize();
        } finally {
            resolver.releaseConfig(testConfig);
        }
    }

    /** Waits, without a fixed sleep, until {@code condition} holds; fails after five seconds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
