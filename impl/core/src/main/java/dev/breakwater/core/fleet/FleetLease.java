package dev.breakwater.core.fleet;

/**
 * The fleet's answer to one {@link FleetLeaseRequest}: tokens taken from the window's budget for the asking instance
 * alone. Tokens a window granted and nobody spent expire with it; the budget is never given back. Only shape is
 * kept here; whether the numbers fit the request is checked by the member that reads it.
 *
 * @param window the number of the window in force on the store's clock ({@code serverMillis / windowMillis})
 * @param granted tokens of that window granted now
 * @param grantedNext tokens of the next window granted now
 * @param remainingMillis what is left of the window in force on the store's clock; 1 to {@code windowMillis}
 * @param instances the instances that exchanged for this limiter within the request's {@code presenceMillis}, the
 *                  asking one included
 * @param windowGranted the tokens of the window in force granted so far to every instance, this grant included:
 *                      {@code granted} to the limit
 */
public record FleetLease(
        long window,
        int granted,
        int grantedNext,
        long remainingMillis,
        int instances,
        int windowGranted) {}
