package dev.breakwater.cdi;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;

import java.lang.reflect.Method;

/** What a fallback handler learns about the call it replaces. */
record FailedExecution(Method getMethod, Object[] getParameters, Throwable getFailure) implements ExecutionContext {
}
