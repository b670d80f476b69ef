package dev.breakwater.cdi;

import dev.breakwater.core.Callee;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.InvocationContext;

/**
 * Proceeds with an asynchronous call on a worker thread, with a request context active for its duration, as
 * the spec requires.
 */
final class AsyncInvocation implements Callee<InvocationContext> {

    private final Instance<RequestContextController> controllers;

    AsyncInvocation(Instance<RequestContextController> controllers) {
        this.controllers = controllers;
    }

    @Override
    public Object call(InvocationContext context) throws Exception {
        RequestContextController controller = controllers.get();
        boolean activated = controller.activate();
        try {
            return context.proceed();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            controllers.destroy(controller);
        }
    }
}
