package dev.breakwater.core;

/** Refuses calls while the breaker is open and reports every outcome to it. */
final class SyncCircuitBreaker<C> extends SyncStage<C> {

    private final SyncStage<C> next;
    private final CircuitBreaker breaker;
    private final Rejections rejections;
    private final String name;

    SyncCircuitBreaker(SyncStage<C> next, CircuitBreaker breaker, Rejections rejections, String name) {
        this.next = next;
        this.breaker = breaker;
        this.rejections = rejections;
        this.name = name;
    }

    @Override
    Object call(C context) throws Exception {
        CircuitBreaker.Permit permit = breaker.tryAcquire();
        if (permit == null) {
            throw rejections.circuitBreakerOpen(name);
        }
        Object result;
        try {
            result = next.call(context);
        } catch (Throwable failure) {
            breaker.onFailure(permit, failure);
            throw failure;
        }
        breaker.onSuccess(permit);
        return result;
    }
}
