package dev.breakwater.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.breakwater.cdi.Deployments;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;

/**
 * Breakwater deploys and guards methods, metrics switched on, on a class path without any of the three optional
 * metrics jars, nor SmallRye Fault Tolerance's API (also optional): Breakwater's classes (and this test's) are
 * loaded by a class loader that cannot see MicroProfile Metrics, OpenTelemetry, Micrometer or
 * {@code io.smallrye.faulttolerance.api}, and the container boots in it.
 */
@org.junit.jupiter.api.Timeout(60)
class WithoutBackendJarsTest {

    private static final List<String> HIDDEN =
            List.of(
                    "org.eclipse.microprofile.metrics.",
                    "io.opentelemetry.",
                    "io.micrometer.",
                    "io.smallrye.faulttolerance.api.");

    @Test
    @SuppressWarnings("unchecked")
    void guardedMethodsWorkWithNoBackendApiOnTheClassPath() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (HidingClassLoader isolated = new HidingClassLoader(getClass().getClassLoader())) {
            assertThatThrownBy(
                            () ->
                                    Class.forName(
                                            "io.micrometer.core.instrument.MeterRegistry",
                                            false,
                                            isolated))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(
                            () ->
                                    Class.forName(
                                            "io.smallrye.faulttolerance.api.RateLimit",
                                            false,
                                            isolated))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> scenario = isolated.loadClass(Scenario.class.getName());
            assertThat(scenario.getClassLoader()).isSameAs(isolated);
            thread.setContextClassLoader(isolated);

            String result =
                    ((Callable<String>) scenario.getDeclaredConstructor().newInstance()).call();

            assertThat(result).isEqualTo("ok, fallback");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs inside the isolated class loader. */
    public static final class Scenario implements Callable<String> {

        @Override
        public String call() {
            try (WeldContainer container = Deployments.start(Map.of(), Guarded.class)) {
                Guarded guarded = container.select(Guarded.class).get();
                return guarded.work(false) + ", " + guarded.work(true);
            }
        }
    }

    @ApplicationScoped
    public static class Guarded {

        @Retry(maxRetries = 1, delay = 0, jitter = 0)
        @Timeout(10_000)
        @CircuitBreaker(requestVolumeThreshold = 100)
        @Bulkhead(5)
        @Fallback(fallbackMethod = "fallback")
        public String work(boolean fail) {
            if (fail) {
                throw new IllegalStateException("failed");
            }
            return "ok";
        }

        String fallback(boolean fail) {
            return "fallback";
        }
    }

    /**
     * Loads {@code dev.breakwater} classes itself, from the same places as the test's class loader, and refuses the
     * metrics backends' packages; everything else comes from the parent.
     */
    private static final class HidingClassLoader extends URLClassLoader {

        HidingClassLoader(ClassLoader parent) {
            super(
                    new URL[] {
                        location(dev.breakwater.cdi.FaultToleranceExtension.class),
                        location(dev.breakwater.core.Pipeline.class),
                        location(dev.breakwater.api.BreakerState.class),
                        location(WithoutBackendJarsTest.class)
                    },
                    parent);
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (HIDDEN.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name + " is hidden from this test");
                }
                if (!name.startsWith("dev.breakwater.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            return hidden(name) ? null : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
        }

        private static boolean hidden(String resource) {
            String asClass = resource.replace('/', '.');
            return HIDDEN.stream().anyMatch(asClass::startsWith);
        }
    }
}
