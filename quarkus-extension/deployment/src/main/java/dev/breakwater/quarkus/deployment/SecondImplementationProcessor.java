package dev.breakwater.quarkus.deployment;

import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import jakarta.enterprise.inject.spi.DeploymentException;

/**
 * Fails the build, in every launch mode, when the incumbent's extension is on the class path too: a migration that
 * adds Breakwater but keeps {@code quarkus-smallrye-fault-tolerance} (directly or through another extension) would
 * have two interceptors on every guarded method, so each call would be retried, counted and refused by both.
 */
class SecondImplementationProcessor {

    static final String INCUMBENT = "io.quarkus:quarkus-smallrye-fault-tolerance";

    @BuildStep
    void refuseTheIncumbent(
            Capabilities capabilities,
            ValidationPhaseBuildItem validationPhase,
            BuildProducer<ValidationErrorBuildItem> errors) {
        if (capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            errors.produce(
                    new ValidationErrorBuildItem(
                            new DeploymentException(
                                    "Two fault-tolerance"
                                            + " implementations are in this application: Breakwater (dev.breakwater:breakwater-quarkus) and"
                                            + " SmallRye Fault Tolerance ("
                                            + INCUMBENT
                                            + ", capability "
                                            + Capability.SMALLRYE_FAULT_TOLERANCE
                                            + "). Both would intercept every @Retry, @CircuitBreaker,"
                                            + " @Bulkhead, @Timeout, @Fallback and @RateLimit method, so each call would be retried, counted"
                                            + " and refused twice. Remove the "
                                            + INCUMBENT
                                            + " dependency (if another extension brings it,"
                                            + " `mvn dependency:tree -Dincludes=io.quarkus:quarkus-smallrye-fault-tolerance` shows which one,"
                                            + " and an <exclusion> removes it): Breakwater reads the same annotations, SmallRye's API and the"
                                            + " quarkus.fault-tolerance.* keys.")));
        }
    }
}
