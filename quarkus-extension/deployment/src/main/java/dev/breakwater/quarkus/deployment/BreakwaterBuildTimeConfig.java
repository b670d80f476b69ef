package dev.breakwater.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Breakwater's own settings that the build reads. */
@ConfigMapping(prefix = "quarkus.breakwater")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface BreakwaterBuildTimeConfig {

    /** The readiness checks. */
    Health health();

    /** The readiness checks. */
    interface Health {

        /**
         * Whether the circuit breakers' and the rate limiters' readiness checks are registered, when the application
         * has {@code quarkus-smallrye-health} and {@code quarkus.smallrye-health.extensions.enabled} is {@code true}.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
