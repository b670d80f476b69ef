package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the incumbent rejects at deployment fails the build here, every error at once: {@code @Asynchronous} with
 * {@code @AsynchronousNonBlocking} on one method or one class, {@code @Blocking} with {@code @NonBlocking},
 * {@code @AsynchronousNonBlocking} on a method that returns no stage.
 */
class AsynchronyMisuseTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive -> archive.addClasses(Misused.class, BothOnClass.class))
                    .assertException(
                            failure -> {
                                String message = ErrorBeans.definitionError(failure);
                                assertThat(message)
                                        .contains("4 fault tolerance definition errors")
                                        .contains(
                                                "@Asynchronous and @AsynchronousNonBlocking on "
                                                        + Misused.class.getName()
                                                        + ".bothAsync(): both are on the method, which asks to run it on a worker thread and"
                                                        + " on the caller's thread; allowed: one of them on a method or a class")
                                        .contains(
                                                "@Asynchronous and @AsynchronousNonBlocking on "
                                                        + BothOnClass.class.getName()
                                                        + ".call(): both are on the class "
                                                        + BothOnClass.class.getName())
                                        .contains(
                                                "@Blocking and @NonBlocking on "
                                                        + Misused.class.getName()
                                                        + ".bothHints(): both are"
                                                        + " on the method, which asks to run it as blocking and as non-blocking")
                                        .contains(
                                                "@AsynchronousNonBlocking on "
                                                        + Misused.class.getName()
                                                        + ".text(): the method"
                                                        + " returns java.lang.String; allowed: an @AsynchronousNonBlocking method returns"
                                                        + " java.util.concurrent.CompletionStage");
                            });

    @Test
    void theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    static class Misused {
        @Asynchronous
        @AsynchronousNonBlocking
        CompletionStage<String> bothAsync() {
            return CompletableFuture.completedFuture("never");
        }

        @Blocking
        @NonBlocking
        @Retry
        CompletionStage<String> bothHints() {
            return CompletableFuture.completedFuture("never");
        }

        @AsynchronousNonBlocking
        String text() {
            return "never";
        }
    }

    @ApplicationScoped
    @Asynchronous
    @AsynchronousNonBlocking
    static class BothOnClass {
        CompletionStage<String> call() {
            return CompletableFuture.completedFuture("never");
        }
    }
}
