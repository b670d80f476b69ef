package dev.breakwater.quarkus.kotlin

import io.quarkus.test.QuarkusUnitTest
import jakarta.enterprise.context.ApplicationScoped
import org.assertj.core.api.Assertions.assertThat
import org.eclipse.microprofile.faulttolerance.Fallback
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

/** The fallback method of a suspend function must be a suspend function too; a plain one fails the build. */
class NonSuspendFallbackRejectedTest {

    companion object {
        @JvmField
        @RegisterExtension
        val app: QuarkusUnitTest = QuarkusUnitTest()
            .withApplicationRoot { archive -> archive.addClasses(PlainFallback::class.java) }
            .assertException { failure ->
                var error: Throwable? = failure
                while (error != null && error !is FaultToleranceDefinitionException) {
                    error = error.cause
                }
                assertThat(error).`as`("the build fails with a FaultToleranceDefinitionException, not: $failure")
                    .isNotNull()
                assertThat(error!!.message)
                    .contains("@Fallback on " + PlainFallback::class.java.name + ".hello(Continuation)")
                    .contains("fallbackMethod = plainFallback (annotation) names no suspend function that can"
                            + " serve as the fallback of a Kotlin suspend function")
                    .contains("found but not usable: public java.lang.String " + PlainFallback::class.java.name
                            + ".plainFallback()")
                    .contains("allowed: a suspend function of " + PlainFallback::class.java.name
                            + " or its supertypes with the same parameters and result type (compiled:"
                            + " (kotlin.coroutines.Continuation<? super java.lang.String>), returning"
                            + " java.lang.Object)")
            }
    }

    @Test
    fun theBuildFails() {
        // assertException above checks the failure; reaching a test would mean the build passed.
    }

    @ApplicationScoped
    open class PlainFallback {
        @Fallback(fallbackMethod = "plainFallback")
        open suspend fun hello(): String = throw IllegalStateException("down")

        open fun plainFallback(): String = "plain"
    }
}
