package dev.breakwater.cdi;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

/** Request contexts through the container's {@code RequestContextController} beans, one per call. */
final class RequestContextControllers implements RequestContextActivation {

    private final Instance<RequestContextController> controllers;

    RequestContextControllers(BeanManager beanManager) {
        this.controllers = beanManager.createInstance().select(RequestContextController.class);
    }

    @Override
    public Runnable activate() {
        RequestContextController controller = controllers.get();
        boolean activated = controller.activate();
        return () -> {
            if (activated) {
                controller.deactivate();
            }
            controllers.destroy(controller);
        };
    }
}
