package dev.breakwater.core;

/** A source of monotonic time, replaceable in tests. */
@FunctionalInterface
public interface Ticker {

    /** The system's monotonic clock. */
    Ticker SYSTEM = System::nanoTime;

    /**
     * @return the current time in nanoseconds, comparable only with other values of the same ticker
     */
    long nanoTime();
}
