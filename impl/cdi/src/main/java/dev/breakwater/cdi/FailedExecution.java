package dev.breakwater.cdi;

import java.lang.reflect.Method;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;

/** What a fallback handler learns about the call it replaces. */
record FailedExecution(Method getMethod, Object[] getParameters, Throwable getFailure)
        implements ExecutionContext {}
