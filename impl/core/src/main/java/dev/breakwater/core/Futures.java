package dev.breakwater.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for the asynchronous stages. */
final class Futures {

    private Futures() {}

    /** Strips the wrappers that {@link CompletableFuture} puts around a failure as it passes between stages. */
    static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static CompletableFuture<Object> failed(Throwable failure) {
        CompletableFuture<Object> future = new CompletableFuture<>();
        future.completeExceptionally(failure);
        return future;
    }

    /** Completes {@code target} as {@code source} completes, failures unwrapped. */
    static void pipe(CompletableFuture<Object> source, CompletableFuture<Object> target) {
        source.whenComplete(
                (value, failure) -> {
                    if (failure != null) {
                        target.completeExceptionally(unwrap(failure));
                    } else {
                        target.complete(value);
                    }
                });
    }
}
