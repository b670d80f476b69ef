package dev.breakwater.cdi;

/**
 * Rethrows a checked exception where the signature declares none: a {@code Supplier}'s guarded call fails with what
 * the supplier threw, unwrapped, as SmallRye's {@code get} does.
 */
final class Sneaky {

    private Sneaky() {}

    /** @return never; declared so that callers can write {@code throw Sneaky.rethrow(e)} */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E rethrow(Throwable failure) throws E {
        throw (E) failure;
    }
}
