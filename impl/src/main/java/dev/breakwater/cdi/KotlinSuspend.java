package dev.breakwater.cdi;

import java.lang.reflect.Method;
import java.util.stream.Collectors;

/**
 * Recognises Kotlin {@code suspend} functions, which Breakwater does not guard yet. Such a function compiles to a
 * method whose last parameter is a {@code kotlin.coroutines.Continuation} and which may return before its work is
 * done, delivering the outcome through that continuation: guarded like an ordinary method, a failure would pass
 * every policy unseen. So a guarded one is a definition error rather than silently unprotected. Recognised by the
 * parameter's name, so Breakwater needs no Kotlin library.
 */
final class KotlinSuspend {

    private static final String CONTINUATION = "kotlin.coroutines.Continuation";

    private KotlinSuspend() {
    }

    /** @return whether the method is a Kotlin {@code suspend} function */
    static boolean is(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        return parameters.length > 0 && parameters[parameters.length - 1].getName().equals(CONTINUATION);
    }

    /** @return the definition error for a guarded {@code suspend} function, naming its annotations */
    static String unsupported(GuardedMethod guarded) {
        String annotations = guarded.annotations().keySet().stream().map(Class::getSimpleName)
                .map(name -> "@" + name).sorted().collect(Collectors.joining(", "));
        return annotations + " on " + guarded.describe() + ": the method is a Kotlin suspend function, which"
                + " Breakwater does not support yet (its outcome would pass every policy unseen); allowed: fault"
                + " tolerance annotations on a function that is not suspend, or on one that returns a"
                + " java.util.concurrent.CompletionStage or Mutiny's Uni (for example built with kotlinx.coroutines'"
                + " future { } or Uni's coroutine bridge), which is guarded asynchronously";
    }
}
