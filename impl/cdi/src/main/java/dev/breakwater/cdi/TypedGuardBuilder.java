package dev.breakwater.cdi;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import io.smallrye.faulttolerance.api.RateLimitType;
import io.smallrye.faulttolerance.api.TypedGuard;
import java.lang.reflect.Type;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link TypedGuard.Builder} on Breakwater's engine: collects a {@link GuardSpec}, builds a
 * {@link BreakwaterTypedGuard}.
 *
 * @param <T> the type of the guarded actions' results
 */
final class TypedGuardBuilder<T> implements TypedGuard.Builder<T> {

    private final GuardSpec spec = new GuardSpec();
    private final Type type;

    TypedGuardBuilder(Type type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public TypedGuard.Builder<T> withDescription(String value) {
        spec.description = Objects.requireNonNull(value, "withDescription");
        return this;
    }

    @Override
    public BulkheadBuilder<T> withBulkhead() {
        spec.bulkhead = new GuardSpec.Bulkhead();
        return new Bulkhead();
    }

    @Override
    public CircuitBreakerBuilder<T> withCircuitBreaker() {
        spec.circuitBreaker = new GuardSpec.CircuitBreaker();
        return new Breaker();
    }

    @Override
    public RateLimitBuilder<T> withRateLimit() {
        spec.rateLimit = new GuardSpec.RateLimit();
        return new RateLimit();
    }

    @Override
    public RetryBuilder<T> withRetry() {
        spec.retry = new GuardSpec.Retry();
        return new Retry();
    }

    @Override
    public TimeoutBuilder<T> withTimeout() {
        spec.timeout = new GuardSpec.Timeout();
        return new Timeout();
    }

    @Override
    public TypedGuard.Builder<T> withThreadOffload(boolean value) {
        spec.offload = value;
        return this;
    }

    @Override
    public TypedGuard.Builder<T> withThreadOffloadExecutor(Executor executor) {
        spec.offloadExecutor = Objects.requireNonNull(executor, "withThreadOffloadExecutor");
        return this;
    }

    @Override
    public FallbackBuilder<T> withFallback() {
        spec.fallback = new GuardSpec.Fallback();
        return new Fallback();
    }

    @Override
    public TypedGuard<T> build() {
        return new BreakwaterTypedGuard<>(spec, type);
    }

    private final class Fallback implements FallbackBuilder<T> {
        private final GuardSpec.Fallback f = spec.fallback;

        @Override
        public FallbackBuilder<T> handler(Supplier<T> value) {
            Objects.requireNonNull(value, "handler");
            f.handler = failure -> value.get();
            return this;
        }

        @Override
        public FallbackBuilder<T> handler(Function<Throwable, T> value) {
            f.handler = Objects.requireNonNull(value, "handler");
            return this;
        }

        @Override
        public FallbackBuilder<T> applyOn(Collection<Class<? extends Throwable>> value) {
            f.applyOn = GuardSpec.types("applyOn", value);
            return this;
        }

        @Override
        public FallbackBuilder<T> applyOn(Class<? extends Throwable> value) {
            return applyOn(List.of(value));
        }

        @Override
        public FallbackBuilder<T> skipOn(Collection<Class<? extends Throwable>> value) {
            f.skipOn = GuardSpec.types("skipOn", value);
            return this;
        }

        @Override
        public FallbackBuilder<T> skipOn(Class<? extends Throwable> value) {
            return skipOn(List.of(value));
        }

        @Override
        public FallbackBuilder<T> when(Predicate<Throwable> value) {
            f.when = Objects.requireNonNull(value, "when");
            return this;
        }

        @Override
        public TypedGuard.Builder<T> done() {
            return TypedGuardBuilder.this;
        }
    }

    private final class Bulkhead implements BulkheadBuilder<T> {
        private final GuardSpec.Bulkhead b = spec.bulkhead;

        @Override
        public BulkheadBuilder<T> limit(int value) {
            b.limit = value;
            return this;
        }

        @Override
        public BulkheadBuilder<T> queueSize(int value) {
            b.queueSize = value;
            return this;
        }

        @Override
        public BulkheadBuilder<T> enableSynchronousQueueing() {
            b.synchronousQueueing = true;
            return this;
        }

        @Override
        public BulkheadBuilder<T> onAccepted(Runnable callback) {
            b.onAccepted = Objects.requireNonNull(callback, "onAccepted");
            return this;
        }

        @Override
        public BulkheadBuilder<T> onRejected(Runnable callback) {
            b.onRejected = Objects.requireNonNull(callback, "onRejected");
            return this;
        }

        @Override
        public BulkheadBuilder<T> onFinished(Runnable callback) {
            b.onFinished = Objects.requireNonNull(callback, "onFinished");
            return this;
        }

        @Override
        public TypedGuard.Builder<T> done() {
            return TypedGuardBuilder.this;
        }
    }

    private final class Breaker implements CircuitBreakerBuilder<T> {
        private final GuardSpec.CircuitBreaker c = spec.circuitBreaker;

        @Override
        public CircuitBreakerBuilder<T> failOn(Collection<Class<? extends Throwable>> value) {
            c.failOn = GuardSpec.types("failOn", value);
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> failOn(Class<? extends Throwable> value) {
            return failOn(List.of(value));
        }

        @Override
        public CircuitBreakerBuilder<T> skipOn(Collection<Class<? extends Throwable>> value) {
            c.skipOn = GuardSpec.types("skipOn", value);
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> skipOn(Class<? extends Throwable> value) {
            return skipOn(List.of(value));
        }

        @Override
        public CircuitBreakerBuilder<T> when(Predicate<Throwable> value) {
            c.when = Objects.requireNonNull(value, "when");
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> delay(long value, ChronoUnit unit) {
            c.delayNanos = spec.nanos("withCircuitBreaker().delay", value, unit);
            c.delayWritten = GuardSpec.written("delay", value, unit);
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> requestVolumeThreshold(int value) {
            c.requestVolumeThreshold = value;
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> failureRatio(double value) {
            c.failureRatio = value;
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> successThreshold(int value) {
            c.successThreshold = value;
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> name(String value) {
            c.name = Objects.requireNonNull(value, "name");
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> onStateChange(Consumer<CircuitBreakerState> callback) {
            c.onStateChange = Objects.requireNonNull(callback, "onStateChange");
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> onSuccess(Runnable callback) {
            c.onSuccess = Objects.requireNonNull(callback, "onSuccess");
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> onFailure(Runnable callback) {
            c.onFailure = Objects.requireNonNull(callback, "onFailure");
            return this;
        }

        @Override
        public CircuitBreakerBuilder<T> onPrevented(Runnable callback) {
            c.onPrevented = Objects.requireNonNull(callback, "onPrevented");
            return this;
        }

        @Override
        public TypedGuard.Builder<T> done() {
            return TypedGuardBuilder.this;
        }
    }

    private final class RateLimit implements RateLimitBuilder<T> {
        private final GuardSpec.RateLimit l = spec.rateLimit;

        @Override
        public RateLimitBuilder<T> limit(int value) {
            l.limit = value;
            return this;
        }

        @Override
        public RateLimitBuilder<T> window(long value, ChronoUnit unit) {
            l.windowNanos = spec.nanos("withRateLimit().window", value, unit);
            l.windowWritten = GuardSpec.written("window", value, unit);
            return this;
        }

        @Override
        public RateLimitBuilder<T> minSpacing(long value, ChronoUnit unit) {
            l.minSpacingNanos = spec.nanos("withRateLimit().minSpacing", value, unit);
            l.minSpacingWritten = GuardSpec.written("minSpacing", value, unit);
            return this;
        }

        @Override
        public RateLimitBuilder<T> type(RateLimitType value) {
            l.type = value == null ? null : dev.breakwater.core.RateLimitType.valueOf(value.name());
            return this;
        }

        @Override
        public RateLimitBuilder<T> onPermitted(Runnable callback) {
            l.onPermitted = Objects.requireNonNull(callback, "onPermitted");
            return this;
        }

        @Override
        public RateLimitBuilder<T> onRejected(Runnable callback) {
            l.onRejected = Objects.requireNonNull(callback, "onRejected");
            return this;
        }

        @Override
        public TypedGuard.Builder<T> done() {
            return TypedGuardBuilder.this;
        }
    }

    private final class Retry implements RetryBuilder<T> {
        private final GuardSpec.Retry r = spec.retry;

        @Override
        public RetryBuilder<T> maxRetries(int value) {
            r.maxRetries = value;
            return this;
        }

        @Override
        public RetryBuilder<T> delay(long value, ChronoUnit unit) {
            r.delayNanos = spec.nanos("withRetry().delay", value, unit);
            r.delayWritten = GuardSpec.written("delay", value, unit);
            return this;
        }

        @Override
        public RetryBuilder<T> maxDuration(long value, ChronoUnit unit) {
            r.maxDurationNanos = spec.nanos("withRetry().maxDuration", value, unit);
            r.maxDurationWritten = GuardSpec.written("maxDuration", value, unit);
            return this;
        }

        @Override
        public RetryBuilder<T> jitter(long value, ChronoUnit unit) {
            r.jitterNanos = spec.nanos("withRetry().jitter", value, unit);
            r.jitterWritten = GuardSpec.written("jitter", value, unit);
            return this;
        }

        @Override
        public RetryBuilder<T> retryOn(Collection<Class<? extends Throwable>> value) {
            r.retryOn = GuardSpec.types("retryOn", value);
            return this;
        }

        @Override
        public RetryBuilder<T> retryOn(Class<? extends Throwable> value) {
            return retryOn(List.of(value));
        }

        @Override
        public RetryBuilder<T> abortOn(Collection<Class<? extends Throwable>> value) {
            r.abortOn = GuardSpec.types("abortOn", value);
            return this;
        }

        @Override
        public RetryBuilder<T> abortOn(Class<? extends Throwable> value) {
            return abortOn(List.of(value));
        }

        @Override
        public RetryBuilder<T> whenResult(Predicate<Object> value) {
            r.whenResult = Objects.requireNonNull(value, "whenResult");
            return this;
        }

        @Override
        public RetryBuilder<T> whenException(Predicate<Throwable> value) {
            r.whenException = Objects.requireNonNull(value, "whenException");
            return this;
        }

        @Override
        public RetryBuilder<T> beforeRetry(Runnable value) {
            Objects.requireNonNull(value, "beforeRetry");
            r.beforeRetry = lastFailure -> value.run();
            return this;
        }

        @Override
        public RetryBuilder<T> beforeRetry(Consumer<Throwable> value) {
            r.beforeRetry = Objects.requireNonNull(value, "beforeRetry");
            return this;
        }

        @Override
        public ExponentialBackoffBuilder<T> withExponentialBackoff() {
            r.chooseBackoff(spec, "exponential");
            return new ExponentialBackoffBuilder<T>() {
                @Override
                public ExponentialBackoffBuilder<T> factor(int value) {
                    r.factor = value;
                    return this;
                }

                @Override
                public ExponentialBackoffBuilder<T> maxDelay(long value, ChronoUnit unit) {
                    r.maxDelayNanos =
                            spec.nanos(
                                    "withRetry().withExponentialBackoff().maxDelay", value, unit);
                    r.maxDelayWritten = GuardSpec.written("maxDelay", value, unit);
                    return this;
                }

                @Override
                public RetryBuilder<T> done() {
                    return Retry.this;
                }
            };
        }

        @Override
        public FibonacciBackoffBuilder<T> withFibonacciBackoff() {
            r.chooseBackoff(spec, "Fibonacci");
            return new FibonacciBackoffBuilder<T>() {
                @Override
                public FibonacciBackoffBuilder<T> maxDelay(long value, ChronoUnit unit) {
                    r.maxDelayNanos =
                            spec.nanos("withRetry().withFibonacciBackoff().maxDelay", value, unit);
                    r.maxDelayWritten = GuardSpec.written("maxDelay", value, unit);
                    return this;
                }

                @Override
                public RetryBuilder<T> done() {
                    return Retry.this;
                }
            };
        }

        @Override
        public CustomBackoffBuilder<T> withCustomBackoff() {
            r.chooseBackoff(spec, "custom");
            return new CustomBackoffBuilder<T>() {
                @Override
                public CustomBackoffBuilder<T> strategy(Supplier<CustomBackoffStrategy> value) {
                    r.strategy = Objects.requireNonNull(value, "strategy");
                    return this;
                }

                @Override
                public RetryBuilder<T> done() {
                    return Retry.this;
                }
            };
        }

        @Override
        public RetryBuilder<T> onRetry(Runnable callback) {
            r.onRetry = Objects.requireNonNull(callback, "onRetry");
            return this;
        }

        @Override
        public RetryBuilder<T> onSuccess(Runnable callback) {
            r.onSuccess = Objects.requireNonNull(callback, "onSuccess");
            return this;
        }

        @Override
        public RetryBuilder<T> onFailure(Runnable callback) {
            r.onFailure = Objects.requireNonNull(callback, "onFailure");
            return this;
        }

        @Override
        public TypedGuard.Builder<T> done() {
            return TypedGuardBuilder.this;
        }
    }

    private final class Timeout implements TimeoutBuilder<T> {
        private final GuardSpec.Timeout t = spec.timeout;

        @Override
        public TimeoutBuilder<T> duration(long value, ChronoUnit unit) {
            t.durationNanos = spec.nanos("withTimeout().duration", value, unit);
            t.durationWritten = GuardSpec.written("duration", value, unit);
            return this;
        }

        @Override
        public TimeoutBuilder<T> onTimeout(Runnable callback) {
            t.onTimeout = Objects.requireNonNull(callback, "onTimeout");
            return this;
        }

        @Override
        public TimeoutBuilder<T> onFinished(Runnable callback) {
            t.onFinished = Objects.requireNonNull(callback, "onFinished");
            return this;
        }

        @Override
        public TypedGuard.Builder<T> done() {
            return TypedGuardBuilder.this;
        }
    }
}
