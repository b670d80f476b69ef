package dev.breakwater.benchmarks.cdi;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Does nothing but proceed, at the priority fault-tolerance interceptors use by default. */
@Noop
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 10)
public class NoopInterceptor {

    @AroundInvoke
    public Object proceed(InvocationContext context) throws Exception {
        return context.proceed();
    }
}
