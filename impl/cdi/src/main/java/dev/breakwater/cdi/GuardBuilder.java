package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** {@link Guard.Builder} on Breakwater's engine: collects a {@link GuardSpec}, builds a {@link BreakwaterGuard}. */
final class GuardBuilder implements Guard.Builder {

    private final GuardSpec spec = new GuardSpec();

    @Override
    public Guard.Builder withDescription(String value) {
        spec.description = Objects.requireNonNull(value, "withDescription");
        return this;
    }

    @Override
    public BulkheadBuilder withBulkhead() {
        spec.bulkhead = new GuardSpec.Bulkhead();
        return new Bulkhead();
    }

    @Override
    public CircuitBreakerBuilder withCircuitBreaker() {
        spec.circuitBreaker = new GuardSpec.CircuitBreaker();
        return new Breaker();
    }

    @Override
    public RateLimitBuilder withRateLimit() {
        spec.rateLimit = new GuardSpec.RateLimit();
        return new RateLimit();
    }

    @Override
    public RetryBuilder withRetry() {
        spec.retry = new GuardSpec.Retry();
        return new Retry();
    }

    @Override
    public TimeoutBuilder withTimeout() {
        spec.timeout = new GuardSpec.Timeout();
        return new Timeout();
    }

    @Override
    public Guard.Builder withThreadOffload(boolean value) {
        spec.offload = value;
        return this;
    }

    @Override
    public Guard.Builder withThreadOffloadExecutor(Executor executor) {
        spec.offloadExecutor = Objects.requireNonNull(executor, "withThreadOffloadExecutor");
        return this;
    }

    @Override
    public Guard build() {
        return new BreakwaterGuard(spec);
    }

    private final class Bulkhead implements BulkheadBuilder {
        private final GuardSpec.Bulkhead b = spec.bulkhead;

        @Override
        public BulkheadBuilder limit(int value) {
            b.limit = value;
            return this;
        }

        @Override
        public BulkheadBuilder queueSize(int value) {
            b.queueSize = value;
            return this;
        }

        @Override
        public BulkheadBuilder enableSynchronousQueueing() {
            b.synchronousQueueing = true;
            return this;
        }

        @Override
        public BulkheadBuilder onAccepted(Runnable callback) {
            b.onAccepted = Objects.requireNonNull(callback, "onAccepted");
            return this;
        }

        @Override
        public BulkheadBuilder onRejected(Runnable callback) {
            b.onRejected = Objects.requireNonNull(callback, "onRejected");
            return this;
        }

        @Override
        public BulkheadBuilder onFinished(Runnable callback) {
            b.onFinished = Objects.requireNonNull(callback, "onFinished");
            return this;
        }

        @Override
        public Guard.Builder done() {
            return GuardBuilder.this;
        }
    }

    private final class Breaker implements CircuitBreakerBuilder {
        private final GuardSpec.CircuitBreaker c = spec.circuitBreaker;

        @Override
        public CircuitBreakerBuilder failOn(Collection<Class<? extends Throwable>> value) {
            c.failOn = GuardSpec.types("failOn", value);
            return this;
        }

        @Override
        public CircuitBreakerBuilder failOn(Class<? extends Throwable> value) {
            return failOn(List.of(value));
        }

        @Override
        public CircuitBreakerBuilder skipOn(Collection<Class<? extends Throwable>> value) {
            c.skipOn = GuardSpec.types("skipOn", value);
            return this;
        }

        @Override
        public CircuitBreakerBuilder skipOn(Class<? extends Throwable> value) {
            return skipOn(List.of(value));
        }

        @Override
        public CircuitBreakerBuilder when(Predicate<Throwable> value) {
            c.when = Objects.requireNonNull(value, "when");
            return this;
        }

        @Override
        public CircuitBreakerBuilder delay(long value, ChronoUnit unit) {
            c.delayNanos = spec.nanos("withCircuitBreaker().delay", value, unit);
            c.delayWritten = GuardSpec.written("delay", value, unit);
            return this;
        }

        @Override
        public CircuitBreakerBuilder requestVolumeThreshold(int value) {
            c.requestVolumeThreshold = value;
            return this;
        }

        @Override
        public CircuitBreakerBuilder failureRatio(double value) {
            c.failureRatio = value;
            return this;
        }

        @Override
        public CircuitBreakerBuilder successThreshold(int value) {
            c.successThreshold = value;
            return this;
        }

        @Override
        public CircuitBreakerBuilder name(String value) {
            c.name = Objects.requireNonNull(value, "name");
            return this;
        }

        @Override
        public CircuitBreakerBuilder onStateChange(Consumer<CircuitBreakerState> callback) {
            c.onStateChange = Objects.requireNonNull(callback, "onStateChange");
            return this;
        }

        @Override
        public CircuitBreakerBuilder onSuccess(Runnable callback) {
            c.onSuccess = Objects.requireNonNull(callback, "onSuccess");
            return this;
        }

        @Override
        public CircuitBreakerBuilder onFailure(Runnable callback) {
            c.onFailure = Objects.requireNonNull(callback, "onFailure");
            return this;
        }

        @Override
        public CircuitBreakerBuilder onPrevented(Runnable callback) {
            c.onPrevented = Objects.requireNonNull(callback, "onPrevented");
            return this;
        }

        @Override
        public Guard.Builder done() {
            return GuardBuilder.this;
        }
    }

    private final class RateLimit implements RateLimitBuilder {
        private final GuardSpec.RateLimit l = spec.rateLimit;

        @Override
        public RateLimitBuilder limit(int value) {
            l.limit = value;
            return this;
        }

        @Override
        public RateLimitBuilder window(long value, ChronoUnit unit) {
            l.windowNanos = spec.nanos("withRateLimit().window", value, unit);
            l.windowWritten = GuardSpec.written("window", value, unit);
            return this;
        }

        @Override
        public RateLimitBuilder minSpacing(long value, ChronoUnit unit) {
            l.minSpacingNanos = spec.nanos("withRateLimit().minSpacing", value, unit);
            l.minSpacingWritten = GuardSpec.written("minSpacing", value, unit);
            return this;
        }

        @Override
        public RateLimitBuilder type(RateLimitType value) {
            l.type = value == null ? null : dev.breakwater.core.RateLimitType.valueOf(value.name());
            return this;
        }

        @Override
        public RateLimitBuilder onPermitted(Runnable callback) {
            l.onPermitted = Objects.requireNonNull(callback, "onPermitted");
            return this;
        }

        @Override
        public RateLimitBuilder onRejected(Runnable callback) {
            l.onRejected = Objects.requireNonNull(callback, "onRejected");
            return this;
        }

        @Override
        public Guard.Builder done() {
            return GuardBuilder.this;
        }
    }

    private final class Retry implements RetryBuilder {
        private final GuardSpec.Retry r = spec.retry;

        @Override
        public RetryBuilder maxRetries(int value) {
            r.maxRetries = value;
            return this;
        }

        @Override
        public RetryBuilder delay(long value, ChronoUnit unit) {
            r.delayNanos = spec.nanos("withRetry().delay", value, unit);
            r.delayWritten = GuardSpec.written("delay", value, unit);
            return this;
        }

        @Override
        public RetryBuilder maxDuration(long value, ChronoUnit unit) {
            r.maxDurationNanos = spec.nanos("withRetry().maxDuration", value, unit);
            r.maxDurationWritten = GuardSpec.written("maxDuration", value, unit);
            return this;
        }

        @Override
        public RetryBuilder jitter(long value, ChronoUnit unit) {
            r.jitterNanos = spec.nanos("withRetry().jitter", value, unit);
            r.jitterWritten = GuardSpec.written("jitter", value, unit);
            return this;
        }

        @Override
        public RetryBuilder retryOn(Collection<Class<? extends Throwable>> value) {
            r.retryOn = GuardSpec.types("retryOn", value);
            return this;
        }

        @Override
        public RetryBuilder retryOn(Class<? extends Throwable> value) {
            return retryOn(List.of(value));
        }

        @Override
        public RetryBuilder abortOn(Collection<Class<? extends Throwable>> value) {
            r.abortOn = GuardSpec.types("abortOn", value);
            return this;
        }

        @Override
        public RetryBuilder abortOn(Class<? extends Throwable> value) {
            return abortOn(List.of(value));
        }

        @Override
        public RetryBuilder whenResult(Predicate<Object> value) {
            r.whenResult = Objects.requireNonNull(value, "whenResult");
            return this;
        }

        @Override
        public RetryBuilder whenException(Predicate<Throwable> value) {
            r.whenException = Objects.requireNonNull(value, "whenException");
            return this;
        }

        @Override
        public RetryBuilder beforeRetry(Runnable value) {
            Objects.requireNonNull(value, "beforeRetry");
            r.beforeRetry = lastFailure -> value.run();
            return this;
        }

        @Override
        public RetryBuilder beforeRetry(Consumer<Throwable> value) {
            r.beforeRetry = Objects.requireNonNull(value, "beforeRetry");
            return this;
        }

        @Override
        public ExponentialBackoffBuilder withExponentialBackoff() {
            r.chooseBackoff(spec, "exponential");
            return new ExponentialBackoffBuilder() {
                @Override
                public ExponentialBackoffBuilder factor(int value) {
                    r.factor = value;
                    return this;
                }

                @Override
                public ExponentialBackoffBuilder maxDelay(long value, ChronoUnit unit) {
                    r.maxDelayNanos =
                            spec.nanos(
                                    "withRetry().withExponentialBackoff().maxDelay", value, unit);
                    r.maxDelayWritten = GuardSpec.written("maxDelay", value, unit);
                    return this;
                }

                @Override
                public RetryBuilder done() {
                    return Retry.this;
                }
            };
        }

        @Override
        public FibonacciBackoffBuilder withFibonacciBackoff() {
            r.chooseBackoff(spec, "Fibonacci");
            return new FibonacciBackoffBuilder() {
                @Override
                public FibonacciBackoffBuilder maxDelay(long value, ChronoUnit unit) {
                    r.maxDelayNanos =
                            spec.nanos("withRetry().withFibonacciBackoff().maxDelay", value, unit);
                    r.maxDelayWritten = GuardSpec.written("maxDelay", value, unit);
                    return this;
                }

                @Override
                public RetryBuilder done() {
                    return Retry.this;
                }
            };
        }

        @Override
        public CustomBackoffBuilder withCustomBackoff() {
            r.chooseBackoff(spec, "custom");
            return new CustomBackoffBuilder() {
                @Override
                public CustomBackoffBuilder strategy(Supplier<CustomBackoffStrategy> value) {
                    r.strategy = Objects.requireNonNull(value, "strategy");
                    return this;
                }

                @Override
                public RetryBuilder done() {
                    return Retry.this;
                }
            };
        }

        @Override
        public RetryBuilder onRetry(Runnable callback) {
            r.onRetry = Objects.requireNonNull(callback, "onRetry");
            return this;
        }

        @Override
        public RetryBuilder onSuccess(Runnable callback) {
            r.onSuccess = Objects.requireNonNull(callback, "onSuccess");
            return this;
        }

        @Override
        public RetryBuilder onFailure(Runnable callback) {
            r.onFailure = Objects.requireNonNull(callback, "onFailure");
            return this;
        }

        @Override
        public Guard.Builder done() {
            return GuardBuilder.this;
        }
    }

    private final class Timeout implements TimeoutBuilder {
        private final GuardSpec.Timeout t = spec.timeout;

        @Override
        public TimeoutBuilder duration(long value, ChronoUnit unit) {
            t.durationNanos = spec.nanos("withTimeout().duration", value, unit);
            t.durationWritten = GuardSpec.written("duration", value, unit);
            return this;
        }

        @Override
        public TimeoutBuilder onTimeout(Runnable callback) {
            t.onTimeout = Objects.requireNonNull(callback, "onTimeout");
            return this;
        }

        @Override
        public TimeoutBuilder onFinished(Runnable callback) {
            t.onFinished = Objects.requireNonNull(callback, "onFinished");
            return this;
        }

        @Override
        public Guard.Builder done() {
            return GuardBuilder.this;
        }
    }
}
