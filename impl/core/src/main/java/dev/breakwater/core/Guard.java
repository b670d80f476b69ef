package dev.breakwater.core;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Guards a synchronous operation with fault-tolerance policies, for plain Java, without CDI. The policies are
 * those of MicroProfile Fault Tolerance, applied in the spec's order, outermost first: fallback, retry, circuit
 * breaker, rate limiter, timeout, bulkhead. Built once and shared by every caller:
 *
 * <pre>{@code
 * CircuitBreaker breaker = CircuitBreaker.builder("inventory").failureRatio(0.5).delay(Duration.ofSeconds(10)).build();
 * Guard<Stock> inventory = Guard.<Stock>builder("inventory")
 *         .retry(retry -> retry.maxRetries(2).delay(Duration.ofMillis(100)))
 *         .timeout(Duration.ofSeconds(1))
 *         .circuitBreaker(breaker)
 *         .fallback(failure -> Stock.UNKNOWN)
 *         .build();
 * Stock stock = inventory.call(() -> client.stock(sku));
 * }</pre>
 *
 * <p>A call runs on the caller's thread. One that succeeds allocates nothing, except a timeout's alarm, and takes
 * no lock, except a {@link RateLimitType#ROLLING ROLLING} rate limiter's. A call the policies refuse fails with a
 * {@link Refusal}; one that fails, after its retries and without a fallback, with the operation's own exception.
 *
 * <p>{@code dev.breakwater.core.Guard} is Breakwater's own plain-Java API; the CDI layer's implementation of
 * SmallRye's {@code io.smallrye.faulttolerance.api.Guard} is a different type, for CDI applications.
 *
 * @param <T> the operation's result
 */
public final class Guard<T> {

    /** The operation is the call's context, so that guarding it allocates nothing; see {@link Callee}. */
    static final Callee<Object> OPERATION =
            context ->
                    context instanceof Supplier<?> supplier
                            ? supplier.get()
                            : ((Callable<?>) context).call();

    private final String name;
    private final Pipeline<Object> pipeline;

    Guard(String name, Pipeline<Object> pipeline) {
        this.name = name;
        this.pipeline = pipeline;
    }

    /**
     * @param name names the guarded operation in refusals and in build errors
     * @param <T> the operation's result
     * @return a builder; without options the guard applies no policy
     */
    public static <T> GuardBuilder<T> builder(String name) {
        return new GuardBuilder<>(name);
    }

    /** @return the name the guard was built with */
    public String name() {
        return name;
    }

    /**
     * Runs the operation under the guard's policies.
     *
     * @param operation the operation, which throws only unchecked exceptions
     * @return its result, or the fallback's
     * @throws Refusal when a policy refused or abandoned the call
     * @throws UndeclaredThrowableException wrapping a checked exception, which only an interrupt of a retry's pause
     *         raises here; the thread's interrupt flag is set again
     */
    @SuppressWarnings("unchecked")
    public T call(Supplier<? extends T> operation) {
        try {
            return (T) pipeline.call(operation);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new UndeclaredThrowableException(e);
        }
    }

    /**
     * Runs an operation that may throw checked exceptions under the guard's policies.
     *
     * @param operation the operation
     * @return its result, or the fallback's
     * @throws Refusal when a policy refused or abandoned the call
     * @throws Exception what the operation threw on its last attempt, as it is; {@code InterruptedException} if
     *         the thread was interrupted in a retry's pause
     */
    @SuppressWarnings("unchecked")
    public T callChecked(Callable<? extends T> operation) throws Exception {
        return (T) pipeline.call(operation);
    }

    /**
     * @param operation the operation
     * @return a supplier that runs {@code operation} under this guard at each {@code get()}, as {@link #call}
     */
    public Supplier<T> decorate(Supplier<? extends T> operation) {
        return () -> call(operation);
    }

    /**
     * @param operation the operation
     * @return a callable that runs {@code operation} under this guard at each {@code call()}, as
     *         {@link #callChecked}
     */
    public Callable<T> decorateChecked(Callable<? extends T> operation) {
        return () -> callChecked(operation);
    }

    @Override
    public String toString() {
        return "Guard '" + name + "'";
    }
}
