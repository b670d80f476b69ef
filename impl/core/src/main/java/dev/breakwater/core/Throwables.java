package dev.breakwater.core;

/** Rethrows a caught throwable unchanged, whatever its static type. */
final class Throwables {

    private Throwables() {}

    /**
     * Throws {@code failure} as it is. Declared to return an exception so call sites can write
     * {@code throw Throwables.rethrow(t)} and keep the compiler's flow analysis.
     */
    static RuntimeException rethrow(Throwable failure) {
        throw Throwables.<RuntimeException>sneaky(failure);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable failure) throws T {
        throw (T) failure;
    }
}
