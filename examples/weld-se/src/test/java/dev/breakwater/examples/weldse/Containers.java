package dev.breakwater.examples.weldse;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Boots the example as {@link Main} does (Weld SE discovering the beans and Breakwater's extension), under the
 * application's real configuration plus the given environment variables, calling the given gateway over HTTP.
 * The variables go into an environment config source of their own, so the tests need not change the process's
 * environment.
 */
final class Containers {

    private Containers() {}

    static WeldContainer start(GatewayServer gateway, Map<String, String> environment) {
        // A system property, as Main sets it: the gateway bean reads its URL when first used, after
        // the config
        // below has been released.
        System.setProperty(PaymentGateway.URL_PROPERTY, gateway.chargesUrl().toString());
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        ConfigProviderResolver resolver = ConfigProviderResolver.instance();
        resolver.releaseConfig(ConfigProvider.getConfig(loader));
        Config config =
                new SmallRyeConfigBuilder()
                        .addDefaultSources()
                        .addDefaultInterceptors()
                        .withSources(new EnvConfigSource(environment, 300))
                        .build();
        resolver.registerConfig(config, loader);
        try {
            return new Weld().initialize();
        } finally {
            // Breakwater reads its configuration while the container boots; later tests get their
            // own.
            resolver.releaseConfig(config);
        }
    }
}
