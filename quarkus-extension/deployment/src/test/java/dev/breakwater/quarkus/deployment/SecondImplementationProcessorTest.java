package dev.breakwater.quarkus.deployment;

import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build step that refuses an application carrying the incumbent's extension next to Breakwater. */
class SecondImplementationProcessorTest {

    private final SecondImplementationProcessor processor = new SecondImplementationProcessor();

    @Test
    void theBuildFailsWithTheDependencyToRemoveWhenTheIncumbentIsPresent() {
        Capabilities both = new Capabilities(Set.of(Capability.CDI, Capability.SMALLRYE_FAULT_TOLERANCE));

        assertThatThrownBy(() -> processor.refuseTheIncumbent(both))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two fault-tolerance implementations")
                .hasMessageContaining("Remove the io.quarkus:quarkus-smallrye-fault-tolerance dependency")
                .hasMessageContaining("mvn dependency:tree");
    }

    @Test
    void theBuildGoesOnWithoutTheIncumbent() {
        Capabilities breakwaterOnly = new Capabilities(Set.of(Capability.CDI, Capability.SMALLRYE_HEALTH));

        assertThatCode(() -> processor.refuseTheIncumbent(breakwaterOnly)).doesNotThrowAnyException();
    }
}
