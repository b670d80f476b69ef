package dev.breakwater.cdi;

import dev.breakwater.core.OperationMetrics;

/**
 * The event callbacks of a {@code Guard}'s builder ({@code onAccepted}, {@code onPrevented}, {@code onRetry}...),
 * fed by the engine's events. A guard gets one only when some callback is set, so a guard without callbacks does
 * none of this work.
 */
final class GuardCallbacks implements OperationMetrics {

    private final GuardSpec spec;

    private GuardCallbacks(GuardSpec spec) {
        this.spec = spec;
    }

    /** @return the callbacks of the spec, or {@code null} if it sets none */
    static GuardCallbacks of(GuardSpec spec) {
        GuardSpec.Bulkhead b = spec.bulkhead;
        GuardSpec.CircuitBreaker c = spec.circuitBreaker;
        GuardSpec.RateLimit l = spec.rateLimit;
        GuardSpec.Retry r = spec.retry;
        GuardSpec.Timeout t = spec.timeout;
        boolean any =
                b != null && (b.onAccepted != null || b.onRejected != null || b.onFinished != null)
                        || c != null
                                && (c.onSuccess != null
                                        || c.onFailure != null
                                        || c.onPrevented != null)
                        || l != null && (l.onPermitted != null || l.onRejected != null)
                        || r != null
                                && (r.onRetry != null || r.onSuccess != null || r.onFailure != null)
                        || t != null && (t.onTimeout != null || t.onFinished != null);
        return any ? new GuardCallbacks(spec) : null;
    }

    @Override
    public void invocation(InvocationResult result, FallbackUse fallback) {
        // no callback observes the whole invocation
    }

    @Override
    public void retryCall(boolean retried, RetryResult result) {
        GuardSpec.Retry retry = spec.retry;
        if (retry != null) {
            run(result == RetryResult.VALUE_RETURNED ? retry.onSuccess : retry.onFailure);
        }
    }

    @Override
    public void retry() {
        if (spec.retry != null) {
            run(spec.retry.onRetry);
        }
    }

    @Override
    public void timeoutCall(boolean timedOut, long executionNanos) {
        GuardSpec.Timeout timeout = spec.timeout;
        if (timeout != null) {
            run(timedOut ? timeout.onTimeout : timeout.onFinished);
        }
    }

    @Override
    public void circuitBreakerCall(CircuitBreakerResult result) {
        GuardSpec.CircuitBreaker breaker = spec.circuitBreaker;
        if (breaker != null) {
            run(
                    switch (result) {
                        case SUCCESS -> breaker.onSuccess;
                        case FAILURE -> breaker.onFailure;
                        case CIRCUIT_BREAKER_OPEN -> breaker.onPrevented;
                    });
        }
    }

    @Override
    public void circuitBreakerOpened() {
        // state changes reach onStateChange through the breaker's listener
    }

    @Override
    public void bulkheadCall(boolean accepted) {
        GuardSpec.Bulkhead bulkhead = spec.bulkhead;
        if (bulkhead != null) {
            run(accepted ? bulkhead.onAccepted : bulkhead.onRejected);
        }
    }

    @Override
    public void rateLimitCall(boolean permitted) {
        GuardSpec.RateLimit rateLimit = spec.rateLimit;
        if (rateLimit != null) {
            run(permitted ? rateLimit.onPermitted : rateLimit.onRejected);
        }
    }

    @Override
    public void bulkheadRan(long runningNanos) {
        if (spec.bulkhead != null) {
            run(spec.bulkhead.onFinished);
        }
    }

    @Override
    public void bulkheadWaited(long waitingNanos) {
        // no callback observes the time spent waiting
    }

    private static void run(Runnable callback) {
        if (callback != null) {
            callback.run();
        }
    }
}
