package dev.breakwater.core;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/** The concurrency invariants with sixteen virtual threads calling (Java 21 and later). */
@EnabledForJreRange(min = JRE.JAVA_21)
class ConcurrencyInvariantsOnVirtualThreadsTest extends ConcurrencyInvariants {

    @Override
    Callers newCallers() {
        return Callers.virtualThreads(16);
    }
}
