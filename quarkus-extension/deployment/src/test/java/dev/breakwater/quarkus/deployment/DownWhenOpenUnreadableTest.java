package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value of {@code quarkus.breakwater.health.down-when-open} that is no yes or no word fails the start, naming the
 * key and what is allowed, rather than being read as false.
 */
class DownWhenOpenUnreadableTest {

    @RegisterExtension
    static final QuarkusUnitTest APP =
            new QuarkusUnitTest()
                    .withApplicationRoot(
                            archive ->
                                    archive.addClasses(
                                            HealthCheckTest.Gateway.class, HealthCheckTest.class))
                    .overrideConfigKey("quarkus.breakwater.health.down-when-open", "sure")
                    .assertException(
                            failure ->
                                    assertThat(String.join("\n", messages(failure)))
                                            .contains("quarkus.breakwater.health.down-when-open")
                                            .contains(
                                                    "'sure' cannot be read; allowed: true or false (also yes/no, y/n, on/off, 1/0)"));

    @Test
    void theStartFailsNamingTheKey() {
        // The app's assertException checks the failure; reaching a test would mean the application
        // started.
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
