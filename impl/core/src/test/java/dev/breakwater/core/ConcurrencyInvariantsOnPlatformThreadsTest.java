package dev.breakwater.core;

/** The concurrency invariants with eight platform threads calling. */
class ConcurrencyInvariantsOnPlatformThreadsTest extends ConcurrencyInvariants {

    @Override
    Callers newCallers() {
        return Callers.platformThreads(8);
    }
}
