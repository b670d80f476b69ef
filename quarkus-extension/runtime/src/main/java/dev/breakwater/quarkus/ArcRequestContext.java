package dev.breakwater.quarkus;

import dev.breakwater.cdi.RequestContextActivation;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/** Request contexts for asynchronous calls through ArC's own API: ArC offers no {@code RequestContextController} beans. */
final class ArcRequestContext implements RequestContextActivation {

    @Override
    public boolean activate() {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return false;
        }
        context.activate();
        return true;
    }

    @Override
    public void deactivate() {
        Arc.container().requestContext().terminate();
    }
}
