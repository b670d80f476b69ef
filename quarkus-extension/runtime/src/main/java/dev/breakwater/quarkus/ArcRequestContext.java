package dev.breakwater.quarkus;

import dev.breakwater.cdi.RequestContextActivation;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;

/**
 * Request contexts for asynchronous calls through ArC's own API (ArC offers no {@code RequestContextController}
 * beans): the caller's active request context is captured when the call is made and activated where the method
 * runs, as the incumbent does, so request-scoped beans the caller set are the ones the method sees. A caller
 * without one gives the call a new context, destroyed when the call ends; the caller's is only deactivated, since
 * the caller owns it (and destroys it when its request ends, even if the call still runs).
 */
final class ArcRequestContext implements RequestContextActivation {

    @Override
    public boolean capturesCallerContext() {
        return true;
    }

    @Override
    public Object capture() {
        ManagedContext context = Arc.container().requestContext();
        return context.isActive() ? context.getState() : null;
    }

    @Override
    public boolean activate(Object captured) {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return false;
        }
        if (captured == null) {
            context.activate();
        } else {
            context.activate((InjectableContext.ContextState) captured);
        }
        return true;
    }

    @Override
    public void deactivate(Object captured) {
        ManagedContext context = Arc.container().requestContext();
        if (captured == null) {
            context.terminate();
        } else {
            context.deactivate();
        }
    }
}
