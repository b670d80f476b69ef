package dev.breakwater.core;

/**
 * The threads of typed guards built without pools of their own: one {@link ThreadPools} for the whole JVM,
 * created when the first such guard is built and never closed. Creating it starts no thread; each of its threads
 * ({@code breakwater-default-async-N}, {@code breakwater-default-timer}, {@code breakwater-default-watchdog}) starts
 * on the first call that needs it: an offloaded attempt, a timeout, a retry of an asynchronous call. They are daemon
 * threads, so they never keep the JVM alive, and idle workers end after a minute. An application that is
 * redeployed inside a long-lived JVM gives its guards pools it closes instead ({@link GuardBuilder#threadPools}).
 */
final class DefaultThreadPools {

    /** Created with this class, on first use: the JVM's lazy class initialisation makes it once, without a lock. */
    static final ThreadPools POOLS = ThreadPools.create("default");

    private DefaultThreadPools() {}
}
