package dev.breakwater.benchmarks.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Refuses every call with {@link Refusal#INSTANCE}, at the priority fault-tolerance interceptors use by default.
 * Weld calls its {@code @AroundInvoke} method by reflection, so the refusal comes back wrapped in an
 * {@code InvocationTargetException} (with stack trace) that Weld then unwraps: this row prices that.
 */
@Throwing
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class ThrowingInterceptor {

    @AroundInvoke
    public Object refuse(InvocationContext context) {
        throw Refusal.INSTANCE;
    }
}
