package dev.breakwater.cdi;

import dev.breakwater.core.CircuitBreakerRegistry;
import dev.breakwater.core.Rejections;
import dev.breakwater.core.ThreadPools;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;

/**
 * What the {@code Guard}s built in a container share with its guarded methods: its threads, its circuit breaker
 * registry (a named guard's breaker joins the {@code CircuitBreakers} control plane), its refusal exceptions, its
 * reactive types and the {@code MP_Fault_Tolerance_NonFallback_Enabled} switch. The container offers it as a
 * bean; a guard built where no container runs uses {@link #standalone()}.
 */
public final class GuardResources {

    private final ThreadPools threads;
    private final BreakerRegistry breakers;
    private final Rejections rejections;
    private final CompletionStageAdapter adapter;
    private final boolean nonFallbackEnabled;
    private final RequestContextActivation callerContexts;

    /**
     * @param callerContexts carries the caller's contexts to an offloaded asynchronous action, or {@code null} where
     *                       the container cannot hand them to another thread (Weld)
     */
    GuardResources(
            ThreadPools threads,
            BreakerRegistry breakers,
            Rejections rejections,
            CompletionStageAdapter adapter,
            boolean nonFallbackEnabled,
            RequestContextActivation callerContexts) {
        this.threads = threads;
        this.breakers = breakers;
        this.rejections = rejections;
        this.adapter = adapter;
        this.nonFallbackEnabled = nonFallbackEnabled;
        this.callerContexts =
                callerContexts != null && callerContexts.capturesCallerContext()
                        ? callerContexts
                        : null;
    }

    /**
     * The resources of a container, or the standalone ones if no container runs on this thread's class loader.
     * Read once per guard, at {@code build()}.
     */
    static GuardResources current() {
        Instance<GuardResources> offered;
        try {
            offered = CDI.current().select(GuardResources.class);
        } catch (IllegalStateException noContainer) {
            // Building a guard outside any container (or after it stopped) is allowed: it then runs
            // standalone.
            return standalone();
        }
        return offered.isResolvable() ? offered.get() : standalone();
    }

    /**
     * The resources of guards built outside any container: the threads {@code breakwater-guard-*}, created on
     * first use and never stopped (they are daemon threads; idle workers end after a minute), the JVM's
     * {@linkplain CircuitBreakerRegistry#global() global registry} for named breakers, the spec's exception classes, no reactive types.
     */
    static GuardResources standalone() {
        return Standalone.INSTANCE;
    }

    ThreadPools threads() {
        return threads;
    }

    BreakerRegistry breakers() {
        return breakers;
    }

    Rejections rejections() {
        return rejections;
    }

    CompletionStageAdapter adapter() {
        return adapter;
    }

    boolean nonFallbackEnabled() {
        return nonFallbackEnabled;
    }

    /** @return what carries the caller's contexts to an offloaded action, or {@code null} if nothing does */
    RequestContextActivation callerContexts() {
        return callerContexts;
    }

    private static final class Standalone {
        static final GuardResources INSTANCE =
                new GuardResources(
                        ThreadPools.create("guard"),
                        new BreakerRegistry(CircuitBreakerRegistry.global()),
                        MicroProfileRejections.SPEC,
                        CompletionStageAdapter.NONE,
                        true,
                        null);
    }
}
