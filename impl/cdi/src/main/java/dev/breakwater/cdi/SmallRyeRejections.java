package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.RateLimitException;

/** The refusals whose exception types SmallRye Fault Tolerance's API defines; used only when it is present. */
final class SmallRyeRejections {

    private SmallRyeRejections() {}

    /** @return exactly the API's {@link RateLimitException}, carrying the time to wait */
    static RuntimeException rateLimited(String name, long retryAfterMillis) {
        return new RateLimitException(
                retryAfterMillis,
                "rate limit exceeded for " + name + "; retry after " + retryAfterMillis + " ms");
    }
}
