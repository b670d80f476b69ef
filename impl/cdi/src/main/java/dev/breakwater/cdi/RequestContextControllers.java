package dev.breakwater.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Request contexts through the container's {@code RequestContextController} beans: each asynchronous call gets a new
 * one, which is what the spec requires. CDI offers no portable way to hand a caller's request context to another
 * thread, so the caller's is not propagated.
 *
 * <p>Each worker thread keeps its own controller: resolving and creating one per call was most of the bytes an
 * asynchronous call allocated. A controller is a dependent object used by one thread at a time, and activation
 * and deactivation pair up on that thread, so reusing it across that thread's calls is safe. Controllers are
 * created under a creational context of their own, not held by the container, so one is garbage once its thread
 * ends.
 */
final class RequestContextControllers implements RequestContextActivation {

    private final ThreadLocal<RequestContextController> controllers;

    /** @param beanManager resolves the controller bean, once */
    RequestContextControllers(BeanManager beanManager) {
        @SuppressWarnings("unchecked")
        Bean<RequestContextController> bean =
                (Bean<RequestContextController>)
                        beanManager.resolve(beanManager.getBeans(RequestContextController.class));
        this.controllers = ThreadLocal.withInitial(() -> create(beanManager, bean));
    }

    private static RequestContextController create(
            BeanManager beanManager, Bean<RequestContextController> bean) {
        CreationalContext<RequestContextController> context =
                beanManager.createCreationalContext(bean);
        return (RequestContextController)
                beanManager.getReference(bean, RequestContextController.class, context);
    }

    @Override
    public boolean capturesCallerContext() {
        return false;
    }

    @Override
    public Object capture() {
        return null;
    }

    @Override
    public boolean activate(Object captured) {
        return controllers.get().activate();
    }

    @Override
    public void deactivate(Object captured) {
        controllers.get().deactivate();
    }
}
