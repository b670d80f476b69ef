package dev.breakwater.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Boots Weld SE containers with only the given bean classes and Breakwater's extension, under a MicroProfile
 * Config that holds exactly the given properties.
 *
 * <p>The extension reads MicroProfile Config once, while the container boots, through
 * {@link ConfigProvider#getConfig()} for the thread's context class loader. So the test's config is registered
 * for that class loader just before the boot and released right after it; nothing outside the test sees it,
 * and neither environment variables nor system properties leak into the test.
 */
public final class Deployments {

    private Deployments() {}

    /** Boots a container; the caller closes it. */
    static WeldContainer start(Class<?>... beanClasses) {
        return start(Map.of(), beanClasses);
    }

    /** Boots a container under {@code config}; the caller closes it. */
    public static WeldContainer start(Map<String, String> config, Class<?>... beanClasses) {
        return start(null, config, beanClasses);
    }

    /**
     * Boots a container of its own id, so that several run side by side (replicas of one application); the caller
     * closes it.
     *
     * @param id the container's id, or {@code null} for Weld's default (one such container at a time)
     */
    static WeldContainer start(String id, Map<String, String> config, Class<?>... beanClasses) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(ConfigProvider.getConfig(loader));
        Config testConfig =
                new SmallRyeConfigBuilder()
                        .withSources(new PropertiesConfigSource(config, "test config", 500))
                        .build();
        resolver.registerConfig(testConfig, loader);
        try {
            return (id == null ? new Weld() : new Weld(id))
                    .disableDiscovery()
                    .addBeanClasses(beanClasses)
                    .addExtension(new FaultToleranceExtension())
                    .initialize();
        } finally {
            resolver.releaseConfig(testConfig);
        }
    }

    /** Asserts that the deployment fails and returns the definition error Breakwater reported. */
    static FaultToleranceDefinitionException definitionError(Class<?>... beanClasses) {
        return definitionError(Map.of(), beanClasses);
    }

    /** Asserts that the deployment under {@code config} fails and returns Breakwater's definition error. */
    static FaultToleranceDefinitionException definitionError(
            Map<String, String> config, Class<?>... beanClasses) {
        Throwable thrown = null;
        try {
            start(config, beanClasses).close();
        } catch (RuntimeException e) {
            thrown = e;
        }
        if (thrown == null) {
            throw new AssertionError(
                    "the deployment of " + Arrays.toString(beanClasses) + " started");
        }
        assertThat(thrown).isInstanceOfAny(DefinitionException.class, DeploymentException.class);
        return find(thrown);
    }

    /** Searches the causes and suppressed exceptions of Weld's wrapper for the error Breakwater reported. */
    private static FaultToleranceDefinitionException find(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(thrown);
        while (!pending.isEmpty()) {
            Throwable current = pending.removeFirst();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof FaultToleranceDefinitionException definitionError) {
                return definitionError;
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
            pending.addAll(List.of(current.getSuppressed()));
        }
        throw new AssertionError(
                "the deployment failed without a FaultToleranceDefinitionException", thrown);
    }
}
