package dev.breakwater.quarkus.kotlin

import io.quarkus.test.QuarkusUnitTest
import jakarta.enterprise.context.ApplicationScoped
import jakarta.inject.Inject
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.eclipse.microprofile.faulttolerance.Bulkhead
import org.eclipse.microprofile.faulttolerance.CircuitBreaker
import org.eclipse.microprofile.faulttolerance.Fallback
import org.eclipse.microprofile.faulttolerance.Retry
import org.eclipse.microprofile.faulttolerance.Timeout
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger

/**
 * A Kotlin suspend function is guarded like a CompletionStage method (Quarkus's default, non-compatible mode):
 * a failure after it suspended counts, the caller suspends rather than blocks, and a fallback method is itself a
 * suspend function.
 */
@org.junit.jupiter.api.Timeout(60)
class SuspendFunctionTest {

    companion object {
        @JvmField
        @RegisterExtension
        val app: QuarkusUnitTest = QuarkusUnitTest()
            .withApplicationRoot { archive -> archive.addClasses(Greetings::class.java) }
    }

    @Inject
    lateinit var greetings: Greetings

    @Test
    fun retriesASuspendFunctionThatFailsAfterSuspendingThenFallsBackWithASuspendFunction(): Unit = runBlocking {
        assertThat(greetings.alwaysFails()).isEqualTo("fallback after 3 attempts")
        assertThat(greetings.alwaysFailsAttempts.get()).isEqualTo(3)
    }

    @Test
    fun retriesUntilTheSuspendFunctionSucceeds(): Unit = runBlocking {
        assertThat(greetings.succeedsOnThirdAttempt()).isEqualTo("hello after 3 attempts")
    }

    @Test
    fun aSuspendFunctionThatDoesNotSuspendAnswersWithoutSuspendingTheCaller(): Unit = runBlocking {
        val otherRan = AtomicBoolean()
        launch { otherRan.set(true) }   // queued on this runBlocking's only thread, runs when the caller suspends

        assertThat(greetings.answersAtOnce()).isEqualTo("at once")
        assertThat(otherRan.get()).`as`("another coroutine ran: the caller suspended").isFalse()
    }

    @Test
    fun suspendsTheCallerBetweenAttemptsAndResumesItOnItsOwnThread(): Unit = runBlocking {
        val callerThread = Thread.currentThread()
        val gate = CompletableDeferred<Unit>()
        val greeting = async {
            val result = greetings.waitsForGate(gate)
            result to Thread.currentThread()
        }
        yield()   // the first attempt runs until it waits for the gate
        // runBlocking has one thread: this line runs only because the guarded call suspended instead of blocking it.
        assertThat(greetings.gateAttempts.get()).isEqualTo(1)
        gate.complete(Unit)

        val (result, resumedOn) = greeting.await()
        assertThat(result).isEqualTo("opened on attempt 2")
        assertThat(resumedOn).isSameAs(callerThread)
    }

    @Test
    fun aCircuitBreakerOpensOnFailuresThatArriveAfterSuspending(): Unit = runBlocking {
        repeat(2) {
            assertThat(runCatching { greetings.broken() }.exceptionOrNull())
                .isInstanceOf(IllegalStateException::class.java)
        }
        assertThat(runCatching { greetings.broken() }.exceptionOrNull())
            .isInstanceOf(CircuitBreakerOpenException::class.java)
        assertThat(greetings.brokenAttempts.get()).isEqualTo(2)
    }

    @Test
    fun aTimeoutEndsTheCallOfASuspendFunctionThatSuspendsTooLong(): Unit = runBlocking {
        assertThat(runCatching { greetings.tooSlow() }.exceptionOrNull()).isInstanceOf(TimeoutException::class.java)
        assertThat(greetings.tooSlowFinished.get()).isZero()
    }

    @Test
    fun aFullBulkheadRefusesTheCallAtOnce(): Unit = runBlocking {
        val gate = CompletableDeferred<Unit>()
        val running = async { greetings.held(gate) }
        val queued = async { greetings.held(gate) }
        yield()   // the first call enters and waits for the gate, the second waits in the queue

        assertThat(runCatching { greetings.held(gate) }.exceptionOrNull()).isInstanceOf(BulkheadException::class.java)
        gate.complete(Unit)
        assertThat(listOf(running.await(), queued.await())).containsExactly("held 1", "held 2")
    }

    @ApplicationScoped
    open class Greetings {
        val alwaysFailsAttempts = AtomicInteger()
        val succeedsAttempts = AtomicInteger()
        val gateAttempts = AtomicInteger()
        val brokenAttempts = AtomicInteger()
        val tooSlowFinished = AtomicInteger()
        private val heldEntries = AtomicInteger()

        @Retry(maxRetries = 2, jitter = 0)
        @Fallback(fallbackMethod = "alwaysFailsFallback")
        open suspend fun alwaysFails(): String {
            alwaysFailsAttempts.incrementAndGet()
            yield()
            throw IllegalArgumentException("down")
        }

        private suspend fun alwaysFailsFallback(): String {
            yield()
            return "fallback after ${alwaysFailsAttempts.get()} attempts"
        }

        @Retry(maxRetries = 2, jitter = 0)
        open suspend fun answersAtOnce(): String = "at once"

        @Retry(maxRetries = 2, jitter = 0)
        open suspend fun succeedsOnThirdAttempt(): String {
            val attempt = succeedsAttempts.incrementAndGet()
            yield()
            check(attempt == 3) { "attempt $attempt" }
            return "hello after $attempt attempts"
        }

        @Retry(maxRetries = 1, delay = 20, jitter = 0)
        open suspend fun waitsForGate(gate: CompletableDeferred<Unit>): String {
            val attempt = gateAttempts.incrementAndGet()
            gate.await()
            check(attempt > 1) { "attempt $attempt" }
            return "opened on attempt $attempt"
        }

        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 60_000)
        open suspend fun broken(): String {
            brokenAttempts.incrementAndGet()
            yield()
            throw IllegalStateException("broken")
        }

        @Timeout(100)
        open suspend fun tooSlow(): String {
            delay(60_000)
            tooSlowFinished.incrementAndGet()
            return "late"
        }

        @Bulkhead(value = 1, waitingTaskQueue = 1)
        open suspend fun held(gate: CompletableDeferred<Unit>): String {
            val entry = heldEntries.incrementAndGet()
            gate.await()
            return "held $entry"
        }
    }
}
