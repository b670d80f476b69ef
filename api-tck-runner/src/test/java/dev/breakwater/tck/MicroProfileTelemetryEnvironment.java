package dev.breakwater.tck;

import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.opentelemetry.implementation.config.OpenTelemetryConfigProducer;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Gives each TCK deployment what a MicroProfile server with MicroProfile Telemetry gives an application: an
 * {@code OpenTelemetry} bean configured through MicroProfile Config, started when the application starts.
 *
 * <p>SmallRye OpenTelemetry's CDI extension adds the {@code OpenTelemetry} producer, but the producer of its
 * configuration sits in a jar that Weld embedded does not treat as a bean archive, so it is added here. The SDK is
 * built at {@code AfterDeploymentValidation}, through autoconfiguration with the deployment's class loader, so a
 * deployment's own autoconfiguration customizers take part (the telemetry tests install their in-memory metric
 * reader that way) whether or not anything in the deployment asks for the bean. It is shut down with the
 * deployment by the producer's disposer. With {@code otel.sdk.disabled=true}, MicroProfile Telemetry's default,
 * the SDK built is a disabled one. Nothing here touches fault tolerance or its metrics.
 */
public final class MicroProfileTelemetryEnvironment implements Extension {

    void addConfigProducer(@Observes BeforeBeanDiscovery event) {
        event.addAnnotatedType(
                OpenTelemetryConfigProducer.class, OpenTelemetryConfigProducer.class.getName());
    }

    void startOpenTelemetry(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        Instance<OpenTelemetry> openTelemetry =
                beanManager.createInstance().select(OpenTelemetry.class);
        if (openTelemetry.isResolvable()) {
            openTelemetry.get().getMeterProvider();
        }
    }
}
