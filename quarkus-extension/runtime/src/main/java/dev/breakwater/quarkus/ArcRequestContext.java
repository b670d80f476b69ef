package dev.breakwater.quarkus;

import dev.breakwater.cdi.RequestContextActivation;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/** Request contexts for asynchronous calls through ArC's own API: ArC offers no {@code RequestContextController} beans. */
final class ArcRequestContext implements RequestContextActivation {

    private static final Runnable NOTHING = () -> {
    };

    @Override
    public Runnable activate() {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return NOTHING;
        }
        context.activate();
        return context::terminate;
    }
}
