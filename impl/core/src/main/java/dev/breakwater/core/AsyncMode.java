package dev.breakwater.core;

/** What an asynchronous guarded operation returns, which decides what counts as its failure. */
public enum AsyncMode {
    /**
     * A {@code CompletionStage}: the call fails if the operation throws or if the stage completes
     * exceptionally, and it ends when the stage completes.
     */
    COMPLETION_STAGE,
    /** A {@code Future}: the call fails only if the operation throws; the future is handed back as it is. */
    FUTURE
}
