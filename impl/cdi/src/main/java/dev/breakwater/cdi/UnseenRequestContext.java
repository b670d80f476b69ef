package dev.breakwater.cdi;

import jakarta.interceptor.InvocationContext;

/**
 * The request context of asynchronous calls in a deployment where nothing can see one
 * ({@link RequestScopeWatchers}): no bean is request scoped and nothing observes the context's lifecycle, so the
 * context the spec asks for would be created and destroyed unseen. None is, and an attempt just proceeds. The only
 * trace left is what the container answers when asked directly ({@code BeanManager.getContext(RequestScoped.class)}
 * finds no active context on the worker thread).
 */
final class UnseenRequestContext implements RequestContextActivation {

    static final UnseenRequestContext INSTANCE = new UnseenRequestContext();

    private UnseenRequestContext() {}

    @Override
    public boolean capturesCallerContext() {
        return false;
    }

    @Override
    public Object capture() {
        return null;
    }

    /** @return {@code false}: none is activated */
    @Override
    public boolean activate(Object captured) {
        return false;
    }

    @Override
    public void deactivate(Object captured) {
        // Nothing was activated.
    }

    @Override
    public Object proceed(InvocationContext attempt, Object captured) throws Exception {
        return attempt.proceed();
    }
}
