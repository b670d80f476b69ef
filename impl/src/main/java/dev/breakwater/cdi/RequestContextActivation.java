package dev.breakwater.cdi;

/**
 * Gives an asynchronous call the request context the spec promises it. A CDI container does this through
 * {@code RequestContextController} beans; an integration whose container does not offer them as beans (Quarkus)
 * uses its own context API.
 *
 * <p>Two calls rather than one returning a closing action, because a closing action would be an object per
 * asynchronous call; {@link #activate()} and {@link #deactivate()} pair up on the calling thread.
 */
public interface RequestContextActivation {

    /**
     * Activates a request context on the current thread, unless one is active already.
     *
     * @return whether this call activated one, so that the caller must {@link #deactivate()} it
     */
    boolean activate();

    /** Ends the request context that {@link #activate()} started on the current thread. */
    void deactivate();
}
