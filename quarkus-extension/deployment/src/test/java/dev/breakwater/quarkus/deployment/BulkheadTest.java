package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A synchronous {@code @Bulkhead} rejects a call while its places are taken, and frees them afterwards. */
class BulkheadTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(archive -> archive.addClasses(Narrow.class));

    @Inject
    Narrow narrow;

    @Test
    void rejectsASecondConcurrentCall() throws Exception {
        CompletableFuture<String> first = CompletableFuture.supplyAsync(narrow::hold);
        assertThat(narrow.entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(narrow::hold).isInstanceOf(BulkheadException.class);

        narrow.release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("held");
        assertThat(narrow.hold()).isEqualTo("held");
    }

    @Singleton // no client proxy: the test reads the bean's latches directly
    static class Narrow {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Bulkhead(1)
        String hold() {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }
    }
}
