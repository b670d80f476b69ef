package dev.breakwater.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/** Registers the runner's Arquillian services. */
public final class TckArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.service(DeploymentExceptionTransformer.class, WeldDefinitionErrorUnwrapper.class);
    }
}
