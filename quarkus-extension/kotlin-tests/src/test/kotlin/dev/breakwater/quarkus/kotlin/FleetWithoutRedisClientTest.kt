package dev.breakwater.quarkus.kotlin

import dev.breakwater.api.BreakerName
import io.quarkus.test.QuarkusUnitTest
import jakarta.enterprise.context.ApplicationScoped
import org.assertj.core.api.Assertions.assertThat
import org.eclipse.microprofile.faulttolerance.CircuitBreaker
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/**
 * Breakers in fleet mode in an application without io.quarkus:quarkus-redis-client fail the build, naming the
 * artifact to add. Here because this module is the one whose class path has no Redis client (the deployment module's
 * fleet tests need it).
 */
class FleetWithoutRedisClientTest {

    companion object {
        @JvmField
        @RegisterExtension
        val app: QuarkusUnitTest = QuarkusUnitTest()
            .withApplicationRoot { archive -> archive.addClasses(Gateway::class.java) }
            .overrideConfigKey("quarkus.breakwater.fleet.breakers", "kotlin-gateway")
            .overrideConfigKey("quarkus.breakwater.fleet.application", "kotlin")
            .assertException { failure ->
                var error: Throwable? = failure
                while (error != null && error !is FaultToleranceDefinitionException) {
                    error = error.cause
                }
                assertThat(error).`as`("the build fails with a FaultToleranceDefinitionException, not: $failure")
                    .isNotNull()
                assertThat(error!!.message)
                    .contains("config key quarkus.breakwater.fleet.breakers = 'kotlin-gateway' puts breakers in fleet"
                            + " mode, which on Quarkus needs Quarkus's Redis client: io.quarkus:quarkus-redis-client is"
                            + " not in the application; allowed: add the extension io.quarkus:quarkus-redis-client and"
                            + " set quarkus.redis.hosts, or remove the key")
            }
    }

    @Test
    fun theBuildFailsNamingTheArtifact() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    open class Gateway {
        @CircuitBreaker
        @BreakerName("kotlin-gateway")
        open fun call(): String = "paid"
    }
}
