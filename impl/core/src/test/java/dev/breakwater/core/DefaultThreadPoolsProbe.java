package dev.breakwater.core;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Uses typed guards in a fresh JVM and prints the {@code breakwater-*} threads alive after each step, for
 * {@link DefaultThreadPoolsTest}. Returning from {@code main} while those threads live shows they are daemons.
 */
public final class DefaultThreadPoolsProbe {

    private DefaultThreadPoolsProbe() {}

    public static void main(String[] args) throws Exception {
        Guard<String> sync =
                Guard.<String>builder("sync").retry(retry -> retry.maxRetries(1)).build();
        Guard<String> timed = Guard.<String>builder("timed").timeout(Duration.ofSeconds(5)).build();
        AsyncGuard<String> nonBlocking = Guard.<String>builder("non-blocking").buildNonBlocking();
        AsyncGuard<String> offloading = Guard.<String>builder("offloading").buildOffloading();
        print("after building guards");

        sync.call(() -> "ok");
        print("after synchronous calls without a timeout");

        nonBlocking
                .call(() -> CompletableFuture.completedFuture("ok"))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        print("after a non-blocking call");

        offloading.callBlocking(() -> "ok").toCompletableFuture().get(5, TimeUnit.SECONDS);
        print("after an offloaded call");

        timed.call(() -> "ok");
        print("after a synchronous timeout");
        System.out.println("exited");
    }

    private static void print(String step) {
        TreeSet<String> threads = new TreeSet<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            if (thread.getName().startsWith("breakwater-")) {
                threads.add(thread.getName() + (thread.isDaemon() ? " daemon" : " user"));
            }
        }
        System.out.println(step + ": " + threads);
    }
}
