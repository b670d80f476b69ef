package dev.breakwater.cdi;

import java.lang.annotation.Annotation;

/**
 * Whether SmallRye Fault Tolerance's API jar is on the class path. Its features switch on only when it is: every
 * class that names one of its types ({@link RateLimitReading}, {@link SmallRyeRejections},
 * {@link CircuitBreakerNameReading}, {@link SmallRyeBreakerMaintenance}, {@link AppliedGuards}) is reached only
 * through a check of {@link #PRESENT}, so that without the jar none of them is ever loaded. The programmatic API
 * ({@link BreakwaterSpi} and the guard classes) is reached only through the API's own {@code ServiceLoader}. The
 * annotations that only steer asynchrony are looked up by name instead, each on its own: smallrye-common's
 * {@code @Blocking} and {@code @NonBlocking} come from another jar, which an application may have without SmallRye's
 * API.
 */
final class SmallRyeApi {

    /** Decided once, when this class is first used. */
    static final boolean PRESENT = present();

    /** SmallRye's {@code @AsynchronousNonBlocking}, or {@code null} without its API. */
    static final Class<? extends Annotation> ASYNCHRONOUS_NON_BLOCKING =
            PRESENT ? annotation("io.smallrye.faulttolerance.api.AsynchronousNonBlocking") : null;

    /**
     * smallrye-common's {@code @Blocking}, or {@code null} without it or without SmallRye's API: it steers fault
     * tolerance only for applications written against SmallRye Fault Tolerance, which bring that API.
     */
    static final Class<? extends Annotation> BLOCKING =
            PRESENT ? annotation("io.smallrye.common.annotation.Blocking") : null;

    /** smallrye-common's {@code @NonBlocking}, or {@code null} as for {@link #BLOCKING}. */
    static final Class<? extends Annotation> NON_BLOCKING =
            PRESENT ? annotation("io.smallrye.common.annotation.NonBlocking") : null;

    private SmallRyeApi() {}

    private static boolean present() {
        try {
            Class.forName(
                    "io.smallrye.faulttolerance.api.RateLimit",
                    false,
                    SmallRyeApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Class<? extends Annotation> annotation(String name) {
        try {
            return Class.forName(name, false, SmallRyeApi.class.getClassLoader())
                    .asSubclass(Annotation.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
