package dev.breakwater.core;

/**
 * One policy of a synchronous pipeline, wrapped around the next. Runs on the caller's thread, straight-line.
 *
 * @param <C> the per-call context
 */
abstract class SyncStage<C> {

    abstract Object call(C context) throws Exception;
}
