package dev.breakwater.quarkus.kotlin

import io.quarkus.test.QuarkusUnitTest
import jakarta.enterprise.context.ApplicationScoped
import jakarta.inject.Inject
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.eclipse.microprofile.faulttolerance.Asynchronous
import org.eclipse.microprofile.faulttolerance.Fallback
import org.eclipse.microprofile.faulttolerance.Retry
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.atomic.AtomicInteger

/**
 * With quarkus.fault-tolerance.mp-compatibility=true a suspend function is still guarded asynchronously, with or
 * without @Asynchronous: its first attempt starts on a worker thread, as @Asynchronous has it, and a failure after
 * it suspended is retried. (The incumbent guards one without @Asynchronous synchronously, which sees only what
 * fails before the function first suspends; its guide says the annotation must be there.)
 */
@org.junit.jupiter.api.Timeout(60)
class MpCompatibleSuspendFunctionTest {

    companion object {
        @JvmField
        @RegisterExtension
        val app: QuarkusUnitTest = QuarkusUnitTest()
            .withApplicationRoot { archive -> archive.addClasses(Compatible::class.java) }
            .overrideConfigKey("quarkus.fault-tolerance.mp-compatibility", "true")
    }

    @Inject
    lateinit var compatible: Compatible

    @Test
    fun withoutAsynchronousAFailureAfterSuspendingIsRetriedAndTheFirstAttemptLeavesTheCallerThread(): Unit = runBlocking {
        assertThat(compatible.withoutAsynchronous()).isEqualTo("fallback after 3 attempts")
        assertThat(compatible.attempts.get()).isEqualTo(3)
        assertThat(compatible.attemptThreads.first()).isNotSameAs(Thread.currentThread())
    }

    @Test
    fun withAsynchronousTheSameHolds(): Unit = runBlocking {
        assertThat(compatible.withAsynchronous()).isEqualTo("hello on attempt 2")
    }

    @ApplicationScoped
    open class Compatible {
        val attempts = AtomicInteger()
        val attemptThreads = ConcurrentLinkedQueue<Thread>()
        private val asynchronousAttempts = AtomicInteger()

        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        open suspend fun withoutAsynchronous(): String {
            attempts.incrementAndGet()
            attemptThreads.add(Thread.currentThread())
            yield()
            throw IllegalStateException("down")
        }

        private suspend fun fallback(): String {
            yield()
            return "fallback after ${attempts.get()} attempts"
        }

        @Asynchronous
        @Retry(maxRetries = 1, jitter = 0)
        open suspend fun withAsynchronous(): String {
            val attempt = asynchronousAttempts.incrementAndGet()
            yield()
            check(attempt == 2) { "attempt $attempt" }
            return "hello on attempt $attempt"
        }
    }
}
