package dev.breakwater.cdi;

import jakarta.interceptor.InvocationContext;

/**
 * Gives an asynchronous call the request context the spec promises it: the caller's, where the container can hand
 * it to another thread (Quarkus), otherwise a new one for the call (the spec's minimum). A CDI container offers
 * {@code RequestContextController} beans for the latter; an integration whose container does not offer them as beans
 * (Quarkus) uses its own context API.
 *
 * <p>{@link #capture()} runs on the caller's thread when the call is made; {@link #proceed(InvocationContext, Object)}
 * runs each attempt on the thread the method runs on, between {@link #activate(Object)} and
 * {@link #deactivate(Object)}. Two calls rather than one returning a closing action, because a closing action would
 * be one more object per attempt. An integration that carries more of the caller's contexts than its request context
 * (MicroProfile Context Propagation on Quarkus) captures them too and runs each attempt inside them.
 */
public interface RequestContextActivation {

    /**
     * @return whether {@link #capture()} can return a context: when false, it is never called and an asynchronous
     *         call pays nothing for it
     */
    boolean capturesCallerContext();

    /**
     * Called on the caller's thread as an asynchronous call is made.
     *
     * @return the caller's active request context, to be activated where the method runs, or {@code null} when
     *         none is active (the method then gets a new one); an integration that carries more of the caller's
     *         contexts returns them together with it
     */
    Object capture();

    /**
     * Activates a request context on the current thread, unless one is active already: the captured one, or a new
     * one.
     *
     * @param captured what {@link #capture()} returned, or {@code null}
     * @return whether this call activated one, so that the caller must {@link #deactivate(Object)} it
     */
    boolean activate(Object captured);

    /**
     * Ends on the current thread the request context that {@link #activate(Object)} activated: a new one is
     * destroyed, a captured one only deactivated, since it belongs to the caller.
     *
     * @param captured what was given to {@link #activate(Object)}
     */
    void deactivate(Object captured);

    /**
     * Runs one attempt of an asynchronous call on the current thread with a request context active for its
     * duration, as the spec requires: the captured one, or a new one.
     *
     * @param attempt the call to proceed with
     * @param captured what {@link #capture()} returned, or {@code null}
     * @return what the method returned
     * @throws Exception what the method threw
     */
    default Object proceed(InvocationContext attempt, Object captured) throws Exception {
        boolean activated = activate(captured);
        try {
            return attempt.proceed();
        } finally {
            if (activated) {
                deactivate(captured);
            }
        }
    }
}
