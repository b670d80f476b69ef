package dev.breakwater.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every member of every annotation, set to {@code x} through {@code smallrye.faulttolerance.global.<annotation>.<member>}: the
 * build fails and names each member with the key as written, on the methods and on the class that carry it.
 */
class GlobalSmallRyeValueErrorsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = GlobalValueErrors.app("smallrye.faulttolerance.global.");

    @Test
    void theBuildFailsNamingEveryKey() {
        // The app's assertException checks the failure; reaching a test would mean the build
        // passed.
    }
}
