package dev.breakwater.cdi;

/**
 * Gives an asynchronous call the request context the spec promises it. A CDI container does this through
 * {@code RequestContextController} beans; an integration whose container does not offer them as beans (Quarkus)
 * uses its own context API.
 */
@FunctionalInterface
public interface RequestContextActivation {

    /**
     * Activates a request context on the current thread, unless one is active already.
     *
     * @return what ends the context this call activated (nothing, if it activated none)
     */
    Runnable activate();
}
