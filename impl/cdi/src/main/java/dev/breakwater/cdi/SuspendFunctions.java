package dev.breakwater.cdi;

import java.lang.reflect.Method;

/**
 * Recognises a Kotlin {@code suspend} function by its compiled signature, without Kotlin on the class path:
 * {@code suspend fun hello(): String} compiles to {@code Object hello(Continuation<? super String>)}, which returns
 * the value or a marker saying it suspended, and later resumes the continuation with the outcome.
 */
public final class SuspendFunctions {

    /** The type of a suspend function's last parameter. */
    public static final String CONTINUATION = "kotlin.coroutines.Continuation";

    private SuspendFunctions() {}

    /**
     * Asked at deployment, never per call.
     *
     * @param method a method
     * @return whether it is a compiled Kotlin suspend function
     */
    public static boolean isSuspend(Method method) {
        int count = method.getParameterCount();
        return count > 0
                && method.getReturnType() == Object.class
                && method.getParameterTypes()[count - 1].getName().equals(CONTINUATION);
    }
}
