package dev.breakwater.core;

/**
 * The closed breaker's window when it does more than the spec's: it also counts slow calls, over the last calls
 * ({@link CallCountWindow}) or the last seconds ({@link SecondsWindow}). Lock-free and allocation-free.
 */
sealed interface OutcomeWindow permits CallCountWindow, SecondsWindow {

    /**
     * @param failure whether the call failed (as the breaker counts failures)
     * @param slow whether it took longer than the slow-call duration
     * @param now the breaker's clock when the outcome arrived
     * @return whether the window, with this outcome, calls for opening the breaker
     */
    boolean record(boolean failure, boolean slow, long now);
}
