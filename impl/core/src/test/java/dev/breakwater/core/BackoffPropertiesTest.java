package dev.breakwater.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The growing backoffs against their definitions computed in exact arithmetic: the pause before retry {@code r}
 * is {@code delay × factor^r} or {@code delay × F(r + 2)}, plus the jitter, kept between 0 and {@code maxDelay}.
 */
class BackoffPropertiesTest {

    @Property(tries = 500)
    void anExponentialPauseIsTheDelayTimesAPowerOfTheFactor(
            @ForAll @LongRange(max = 1_000_000_000) long delay,
            @ForAll @IntRange(min = 1, max = 10) int factor,
            @ForAll @IntRange(max = 200) int retry,
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long jitter,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000_000L) long maxDelayAboveDelay) {
        long maxDelay = delay + maxDelayAboveDelay;
        BigInteger exact =
                BigInteger.valueOf(delay).multiply(BigInteger.valueOf(factor).pow(retry));

        assertThat(new Backoff.Exponential(factor, maxDelay).pauseNanos(delay, retry, jitter))
                .isEqualTo(withinLimits(exact, jitter, maxDelay));
    }

    @Property(tries = 500)
    void aFibonacciPauseIsTheDelayTimesAFibonacciNumber(
            @ForAll @LongRange(max = 1_000_000_000) long delay,
            @ForAll @IntRange(max = 200) int retry,
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long jitter,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000_000L) long maxDelayAboveDelay) {
        long maxDelay = delay + maxDelayAboveDelay;
        BigInteger exact = BigInteger.valueOf(delay).multiply(fibonacci(retry + 2));

        assertThat(new Backoff.Fibonacci(maxDelay).pauseNanos(delay, retry, jitter))
                .isEqualTo(withinLimits(exact, jitter, maxDelay));
    }

    private static long withinLimits(BigInteger pause, long jitter, long maxDelay) {
        BigInteger jittered = pause.add(BigInteger.valueOf(jitter));
        return jittered.max(BigInteger.ZERO).min(BigInteger.valueOf(maxDelay)).longValueExact();
    }

    /** @return F(n) with F(1) = F(2) = 1 */
    private static BigInteger fibonacci(int n) {
        BigInteger previous = BigInteger.ZERO;
        BigInteger current = BigInteger.ONE;
        for (int i = 1; i < n; i++) {
            BigInteger next = previous.add(current);
            previous = current;
            current = next;
        }
        return current;
    }
}
