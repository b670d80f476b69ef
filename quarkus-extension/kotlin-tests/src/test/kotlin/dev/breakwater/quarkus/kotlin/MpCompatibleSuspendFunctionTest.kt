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
 * With quarkus.fault-tolerance.mp-compatibility=true a suspend function without @Asynchronous is guarded as a
 * synchronous method, as the incumbent guards it: its attempts run on the caller's thread, what it throws before it
 * first suspends is retried and falls back, and a failure after it suspended reaches the caller unguarded. With
 * @Asynchronous it is guarded asynchronously, and a failure after suspending is retried.
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
    fun withoutAsynchronousAFailureBeforeSuspendingIsRetriedOnTheCallersThreadAndFallsBack(): Unit = runBlocking {
        assertThat(compatible.failsBeforeSuspending()).isEqualTo("fallback after 3 attempts")
        assertThat(compatible.beforeAttempts.get()).isEqualTo(3)
        assertThat(compatible.attemptThreads).containsOnly(Thread.currentThread())
    }

    @Test
    fun withoutAsynchronousAFailureAfterSuspendingReachesTheCallerWithoutRetry(): Unit = runBlocking {
        val failure = runCatching { compatible.failsAfterSuspending() }.exceptionOrNull()

        assertThat(failure).isInstanceOf(IllegalStateException::class.java).hasMessage("down after suspending")
        assertThat(compatible.afterAttempts.get()).isEqualTo(1)
    }

    @Test
    fun withAsynchronousAFailureAfterSuspendingIsRetried(): Unit = runBlocking {
        assertThat(compatible.withAsynchronous()).isEqualTo("hello on attempt 2")
    }

    @ApplicationScoped
    open class Compatible {
        val beforeAttempts = AtomicInteger()
        val afterAttempts = AtomicInteger()
        val attemptThreads = ConcurrentLinkedQueue<Thread>()
        private val asynchronousAttempts = AtomicInteger()

        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "fallback")
        open suspend fun failsBeforeSuspending(): String {
            val attempt = beforeAttempts.incrementAndGet()
            attemptThreads.add(Thread.currentThread())
            check(attempt > 3) { "down before suspending" }
            yield()
            return "attempt $attempt"
        }

        private suspend fun fallback(): String {
            yield()
            return "fallback after ${beforeAttempts.get()} attempts"
        }

        @Retry(maxRetries = 2, jitter = 0)
        open suspend fun failsAfterSuspending(): String {
            afterAttempts.incrementAndGet()
            yield()
            throw IllegalStateException("down after suspending")
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
