package dev.breakwater.benchmarks.cdi;

import jakarta.enterprise.inject.spi.Extension;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Boots the Weld SE container the CDI benchmarks run in: bean discovery off (the uber jar is not scanned), the
 * benchmark beans and the floor interceptors added explicitly, and the portable extensions registered through the
 * service loader (the fault-tolerance implementation's, SmallRye Config's) added explicitly too, since Weld SE
 * loads none by itself when discovery is off. MicroProfile Config comes from SmallRye Config.
 */
public final class Cdi {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    private Cdi() {}

    /** @return a running container; the caller shuts it down */
    public static WeldContainer boot() {
        Implementation.present(); // fails early when none or both are on the classpath
        Weld weld =
                new Weld("breakwater-benchmarks-" + CONTAINERS.incrementAndGet())
                        .disableDiscovery()
                        .addBeanClasses(
                                PlainService.class,
                                GuardedService.class,
                                OpenBreakerService.class,
                                AsyncService.class,
                                Probes.class,
                                NoopInterceptor.class,
                                ThrowingInterceptor.class)
                        .addExtension(new ThrowingInterceptorExtension());
        for (Extension extension :
                ServiceLoader.load(Extension.class, Cdi.class.getClassLoader())) {
            if (!extension.getClass().getName().startsWith("org.jboss.weld.")) {
                weld.addExtension(extension);
            }
        }
        return weld.initialize();
    }

    /** The MicroProfile Fault Tolerance implementation on the classpath, told by its interceptor class. */
    public enum Implementation {
        BREAKWATER("dev.breakwater.cdi.FaultToleranceInterceptor"),
        SMALLRYE("io.smallrye.faulttolerance.FaultToleranceInterceptor");

        private final String interceptorClass;

        Implementation(String interceptorClass) {
            this.interceptorClass = interceptorClass;
        }

        /** @return the class whose frame is on the stack of an intercepted call */
        public String interceptorClass() {
            return interceptorClass;
        }

        /** @return the one implementation on the classpath */
        public static Implementation present() {
            Implementation found = null;
            for (Implementation candidate : values()) {
                if (isPresent(candidate.interceptorClass)) {
                    if (found != null) {
                        throw new IllegalStateException(
                                "both "
                                        + found
                                        + " and "
                                        + candidate
                                        + " are on the classpath; build the benchmarks with one profile");
                    }
                    found = candidate;
                }
            }
            if (found == null) {
                throw new IllegalStateException(
                        "no MicroProfile Fault Tolerance implementation on the classpath");
            }
            return found;
        }

        private static boolean isPresent(String className) {
            try {
                Class.forName(className, false, Implementation.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
