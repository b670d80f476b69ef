package dev.breakwater.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;

/**
 * Hands Arquillian the definition error Breakwater reported, not Weld's wrapper around it.
 *
 * <p>Weld wraps every error registered through {@code AfterBeanDiscovery.addDefinitionError} in its own
 * {@code org.jboss.weld.exceptions.DefinitionException} and attaches the original as a suppressed
 * exception. The TCK's {@code @ShouldThrowException} names the original type, so the wrapper has to go.
 */
public final class WeldDefinitionErrorUnwrapper implements DeploymentExceptionTransformer {

    @Override
    public Throwable transform(Throwable exception) {
        for (Throwable current = exception; current != null; current = current.getCause()) {
            Throwable[] suppressed = current.getSuppressed();
            if (suppressed.length == 1) {
                return suppressed[0];
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return exception;
    }
}
