package dev.breakwater.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The build step that refuses an application carrying the incumbent's extension next to Breakwater. */
class SecondImplementationProcessorTest {

    private final SecondImplementationProcessor processor = new SecondImplementationProcessor();
    private final List<ValidationErrorBuildItem> errors = new ArrayList<>();

    @Test
    void theBuildFailsWithTheDependencyToRemoveWhenTheIncumbentIsPresent() {
        processor.refuseTheIncumbent(
                new Capabilities(Set.of(Capability.CDI, Capability.SMALLRYE_FAULT_TOLERANCE)),
                null,
                errors::add);

        assertThat(errors)
                .singleElement()
                .extracting(ValidationErrorBuildItem::getValues)
                .asList()
                .singleElement()
                .isInstanceOfSatisfying(
                        DeploymentException.class,
                        error ->
                                assertThat(error)
                                        .hasMessageContaining("Two fault-tolerance implementations")
                                        .hasMessageContaining(
                                                "Remove the io.quarkus:quarkus-smallrye-fault-tolerance dependency")
                                        .hasMessageContaining("mvn dependency:tree"));
    }

    @Test
    void theBuildGoesOnWithoutTheIncumbent() {
        processor.refuseTheIncumbent(
                new Capabilities(Set.of(Capability.CDI, Capability.SMALLRYE_HEALTH)),
                null,
                errors::add);

        assertThat(errors).isEmpty();
    }
}
