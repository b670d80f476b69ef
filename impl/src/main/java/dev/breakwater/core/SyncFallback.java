package dev.breakwater.core;

/** Replaces the result of a failed call when the policy applies to the failure. */
final class SyncFallback<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final FallbackPolicy<C> policy;

    SyncFallback(SyncStage<C> next, FallbackPolicy<C> policy) {
        this.next = next;
        this.policy = policy;
    }

    @Override
    Object call(C context) throws Exception {
        try {
            return next.call(context);
        } catch (Throwable failure) {
            if (!policy.applyOn().test(failure)) {
                throw failure;
            }
            return policy.handler().handle(context, failure);
        }
    }
}
