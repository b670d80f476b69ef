package dev.breakwater.core;

/** How a rate limiter decides which recent calls count against its limit. */
public enum RateLimitType {

    /**
     * Time is cut into consecutive windows of the policy's length, the first starting when the limiter is created;
     * each window admits at most the limit. Calls bunched around a boundary may exceed the rate briefly.
     */
    FIXED,

    /**
     * Every interval of the window's length, wherever it starts, holds at most the limit: a call is admitted only
     * if fewer than the limit of calls came in the window's length before it. Memory grows with the limit.
     */
    ROLLING,

    /**
     * Permits are spread evenly: a bucket refills at limit per window, holds at most the limit and starts with
     * one permit, so a burst is allowed only after a quiet period and the rate is never exceeded.
     */
    SMOOTH
}
