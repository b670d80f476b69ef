package dev.breakwater.cdi;

/**
 * Whether SmallRye Fault Tolerance's API jar is on the class path. Its features switch on only when it is: every
 * class that names one of its types ({@link RateLimitReading}, {@link SmallRyeRejections}, {@link AppliedGuards}) is
 * reached only through a check of {@link #PRESENT}, so that without the jar none of them is ever loaded. The
 * programmatic API ({@link BreakwaterSpi} and the guard classes) is reached only through the API's own
 * {@code ServiceLoader}.
 */
final class SmallRyeApi {

    /** Decided once, when this class is first used. */
    static final boolean PRESENT = present();

    private SmallRyeApi() {
    }

    private static boolean present() {
        try {
            Class.forName("io.smallrye.faulttolerance.api.RateLimit", false, SmallRyeApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
