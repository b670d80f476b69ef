package kotlin.coroutines;

/**
 * A stand-in for Kotlin's {@code Continuation}, which a {@code suspend} function takes as its last parameter once
 * compiled. Breakwater recognises such functions by this name alone, so the tests need no Kotlin library.
 *
 * @param <T> the function's result
 */
public interface Continuation<T> {
}
