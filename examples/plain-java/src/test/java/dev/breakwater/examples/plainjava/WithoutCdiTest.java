package dev.breakwater.examples.plainjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The example runs on breakwater-core alone: neither CDI, nor MicroProfile, nor Breakwater's CDI layer is there. */
class WithoutCdiTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "jakarta.enterprise.inject.spi.Extension",
                "jakarta.enterprise.context.ApplicationScoped",
                "jakarta.inject.Inject",
                "org.eclipse.microprofile.faulttolerance.CircuitBreaker",
                "org.eclipse.microprofile.config.Config",
                "dev.breakwater.cdi.FaultToleranceExtension"
            })
    void isNotOnTheClassPath(String className) {
        assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theTypedApiIs() throws ClassNotFoundException {
        assertThat(Class.forName("dev.breakwater.core.Guard", false, getClass().getClassLoader()))
                .isEqualTo(dev.breakwater.core.Guard.class);
    }
}
