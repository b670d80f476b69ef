package dev.breakwater.api;

/** A listener's registration; closing it stops the notifications. Closing it twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Stops notifying the listener. */
    @Override
    void close();
}
