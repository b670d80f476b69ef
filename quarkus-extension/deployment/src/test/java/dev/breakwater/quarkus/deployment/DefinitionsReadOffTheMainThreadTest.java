package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At start the guarded methods' definitions are read on a thread of their own, {@code breakwater-start}, which
 * overlaps Quarkus's own start-up work and ends once they are read; what it reads is what the methods do.
 */
class DefinitionsReadOffTheMainThreadTest {

    private static final String MAX_RETRIES_KEY =
            Service.class.getName() + "/retried/Retry/maxRetries";

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(Service.class, ReadingThreads.class)
                                            .addAsServiceProvider(
                                                    ConfigSource.class, ReadingThreads.class));

    @Inject Service service;

    @Test
    void theMethodsKeysAreReadOnTheReadingThreadAndNotOnTheMainThread() {
        assertThat(ReadingThreads.NAMES).contains("breakwater-start").doesNotContain("main");
    }

    @Test
    void theReadingThreadEnds() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("breakwater-start")) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as("breakwater-start, 10 s after the start").isFalse();
            }
        }
    }

    @Test
    void theValueReadThereIsTheOneTheMethodUses() {
        assertThatThrownBy(service::retried).isInstanceOf(IllegalStateException.class);
        assertThat(service.attempts()).isEqualTo(3);
    }

    /** A config source that records which threads asked it for the guarded method's key. */
    public static class ReadingThreads implements ConfigSource {

        static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

        @Override
        public Set<String> getPropertyNames() {
            return Set.of(MAX_RETRIES_KEY);
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of(MAX_RETRIES_KEY, "2");
        }

        @Override
        public String getValue(String propertyName) {
            if (!MAX_RETRIES_KEY.equals(propertyName)) {
                return null;
            }
            NAMES.add(Thread.currentThread().getName());
            return "2";
        }

        @Override
        public String getName() {
            return "reading threads";
        }
    }

    @ApplicationScoped
    static class Service {
        private final AtomicInteger attempts = new AtomicInteger();

        @Retry(maxRetries = 0)
        void retried() {
            attempts.incrementAndGet();
            throw new IllegalStateException("failed");
        }

        int attempts() {
            return attempts.get();
        }
    }
}
