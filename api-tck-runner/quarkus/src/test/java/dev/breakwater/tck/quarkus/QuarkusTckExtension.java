package dev.breakwater.tck.quarkus;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the runner's additions to the Arquillian deployments of the TCK. */
public class QuarkusTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(ApplicationArchiveProcessor.class, MicroProfileMetricsEnvironment.class);
    }
}
