package dev.breakwater.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A long that every caller of a shared policy writes (a bulkhead's free places, a rate limiter's window), alone on
 * its cache lines: at least 128 bytes (two lines, for CPUs that fetch lines in pairs) lie between it and any other
 * object's fields, so that no other field, of this object or of whatever the allocator put next to it, shares a line
 * with it. Without the padding, two threads writing two different policies'
 * words, or one writing a word and another reading a breaker's state next to it, invalidate each other's line on
 * every call (false sharing), and how much that costs depends on where the objects happened to land.
 *
 * <p>{@code @Contended} would do the same but needs {@code -XX:-RestrictContended} outside the JDK. The padding is
 * in superclasses because the JVM lays out a superclass's fields before its subclass's and never reorders them
 * across that boundary (checked on JDK 17 and 25: the value at offset 136 of a 272-byte object).
 */
final class PaddedLong extends PaddedLongValue {

    private static final VarHandle VALUE;

    static {
        try {
            VALUE =
                    MethodHandles.lookup()
                            .findVarHandle(PaddedLongValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // Read by nothing: they keep the next object's fields 128 bytes away from value.
    long p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31;

    PaddedLong(long initial) {
        value = initial;
    }

    long get() {
        return value;
    }

    void set(long newValue) {
        value = newValue;
    }

    boolean compareAndSet(long expected, long newValue) {
        return VALUE.compareAndSet(this, expected, newValue);
    }

    long addAndGet(long delta) {
        return (long) VALUE.getAndAdd(this, delta) + delta;
    }

    /** @return the value before; the value after is the larger of the two */
    long getAndMax(long candidate) {
        long current = value;
        while (current < candidate && !VALUE.compareAndSet(this, current, candidate)) {
            current = value;
        }
        return current;
    }
}

/** With the object header, keeps the previous object's fields 128 bytes away from {@link PaddedLong}'s value. */
abstract class PaddingBeforeLong {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14;
}

/** {@link PaddedLong}'s value, between the two paddings. */
abstract class PaddedLongValue extends PaddingBeforeLong {
    volatile long value;
}
