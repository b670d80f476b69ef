package dev.breakwater.core;

/** The bottom of a synchronous pipeline: the guarded operation itself. */
final class SyncInvoke<C> extends SyncStage<C> {

    private final Callee<C> callee;

    SyncInvoke(Callee<C> callee) {
        this.callee = callee;
    }

    @Override
    Object call(C context) throws Exception {
        return callee.call(context);
    }
}
