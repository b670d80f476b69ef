package dev.breakwater.core;

/** Arithmetic on durations that stops at {@link Long#MAX_VALUE}, a time no clock reaches, instead of wrapping. */
final class SaturatedMath {

    private SaturatedMath() {}

    /** @return {@code a + b} for non-negative {@code b}, at most {@link Long#MAX_VALUE} */
    static long add(long a, long b) {
        long sum = a + b;
        return sum < a ? Long.MAX_VALUE : sum;
    }

    /** @return {@code a * b} for non-negative operands, at most {@link Long#MAX_VALUE} */
    static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
