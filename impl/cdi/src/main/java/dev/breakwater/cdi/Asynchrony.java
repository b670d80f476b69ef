package dev.breakwater.cdi;

import dev.breakwater.core.AsyncMode;
import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Whether a guarded method runs asynchronously, and whether its attempts move to a worker thread, decided as SmallRye
 * Fault Tolerance 6.10 decides it from the spec's {@code @Asynchronous}, SmallRye's {@code @AsynchronousNonBlocking},
 * smallrye-common's {@code @Blocking} and {@code @NonBlocking}, the return type and the mode.
 *
 * <p>A method returning a stage ({@code CompletionStage}, {@code CompletableFuture} or an adapted type such as
 * {@code Uni}, or a Kotlin suspend function) is asynchronous when one of the four annotations is in effect, or in
 * non-compatible mode with a policy; otherwise it is guarded as a synchronous method;
 * a method returning {@code Future} only with {@code @Asynchronous}, and then always on a worker. Where a stage
 * method runs is decided by the first that applies: without {@code @Blocking} and {@code @NonBlocking},
 * {@code @AsynchronousNonBlocking} on the method (the caller's thread), {@code @Asynchronous} on the method (a
 * worker), then the same two on the class; with either, {@code @Blocking}, {@code @NonBlocking},
 * {@code @AsynchronousNonBlocking} on the method, then the same three on the class, then {@code @Asynchronous}
 * wherever it is. {@code @Blocking} and {@code @NonBlocking} are otherwise ignored: other frameworks put them on
 * methods of every return type.
 *
 * @param asynchronous the spec's {@code @Asynchronous} in effect (and switched on), or {@code null}
 * @param nonBlockingAsynchronous SmallRye's {@code @AsynchronousNonBlocking} in effect (and switched on), or
 *                                {@code null}
 * @param blocking smallrye-common's {@code @Blocking} in effect, or {@code null}
 * @param nonBlocking smallrye-common's {@code @NonBlocking} in effect, or {@code null}
 */
record Asynchrony(
        FoundAnnotation<?> asynchronous,
        FoundAnnotation<?> nonBlockingAsynchronous,
        FoundAnnotation<?> blocking,
        FoundAnnotation<?> nonBlocking) {

    /**
     * How a method runs.
     *
     * @param mode how it is asynchronous, or {@code null} for a synchronous method
     * @param offload whether an asynchronous call's attempts move to a worker thread
     */
    record Decision(AsyncMode mode, boolean offload) {
        static final Decision SYNCHRONOUS = new Decision(null, false);
    }

    /**
     * Records what contradicts itself or cannot be asynchronous; each problem names the annotations, the method and
     * what is allowed.
     *
     * @param guarded the method
     * @param adapter which reactive return types count as stages
     * @param errors where problems go
     */
    void check(GuardedMethod guarded, CompletionStageAdapter adapter, DefinitionErrors errors) {
        if (asynchronous != null
                && nonBlockingAsynchronous != null
                && asynchronous.classLevel() == nonBlockingAsynchronous.classLevel()) {
            errors.add(
                    contradiction(
                            guarded,
                            asynchronous,
                            nonBlockingAsynchronous,
                            "on a worker thread and on the caller's thread"));
        }
        if (blocking != null
                && nonBlocking != null
                && blocking.classLevel() == nonBlocking.classLevel()) {
            errors.add(
                    contradiction(
                            guarded, blocking, nonBlocking, "as blocking and as non-blocking"));
        }
        Class<?> returnType = guarded.method().getReturnType();
        if (nonBlockingAsynchronous != null && !returnsStage(guarded.method(), adapter)) {
            errors.add(
                    MethodDefinitionReader.site(guarded, nonBlockingAsynchronous)
                            + ": the method returns "
                            + returnType.getName()
                            + "; allowed: an @AsynchronousNonBlocking method returns java.util.concurrent.CompletionStage"
                            + " (or CompletableFuture, or Mutiny's Uni on Quarkus), which can be awaited without blocking"
                            + (returnType == Future.class
                                    ? "; a Future method needs @Asynchronous, which runs it on a worker"
                                    : ""));
        }
        if (asynchronous != null
                && !returnsStage(guarded.method(), adapter)
                && returnType != Future.class) {
            errors.add(
                    MethodDefinitionReader.site(guarded, asynchronous)
                            + ": the method returns "
                            + returnType.getName()
                            + "; allowed: an @Asynchronous method returns java.util.concurrent.Future or"
                            + " java.util.concurrent.CompletionStage");
        }
    }

    /**
     * @param guarded the method, without errors from {@link #check}
     * @param anyPolicy whether a policy besides asynchrony is in effect
     * @param mpCompatibility whether the spec's semantics apply rather than SmallRye's non-compatible mode
     * @param adapter which reactive return types count as stages
     * @return how the method runs
     */
    Decision decide(
            GuardedMethod guarded,
            boolean anyPolicy,
            boolean mpCompatibility,
            CompletionStageAdapter adapter) {
        Class<?> returnType = guarded.method().getReturnType();
        if (returnType == Future.class) {
            return asynchronous != null
                    ? new Decision(AsyncMode.FUTURE, true)
                    : Decision.SYNCHRONOUS;
        }
        if (!returnsStage(guarded.method(), adapter)) {
            return Decision.SYNCHRONOUS;
        }
        boolean annotated =
                asynchronous != null
                        || nonBlockingAsynchronous != null
                        || blocking != null
                        || nonBlocking != null;
        if (annotated && (asynchronous != null || nonBlockingAsynchronous != null || anyPolicy)) {
            return new Decision(AsyncMode.COMPLETION_STAGE, offload());
        }
        if (anyPolicy && !mpCompatibility) {
            // Non-compatible mode: the return type says the work happens later, and without an
            // annotation that
            // says otherwise the method is not blocking, so it runs on the caller's thread.
            return new Decision(AsyncMode.COMPLETION_STAGE, false);
        }
        // The spec's mode, as SmallRye has it for every stage type: a Uni is the value the guarded
        // call returns,
        // and a suspend function's call ends when it first suspends.
        return Decision.SYNCHRONOUS;
    }

    /** SmallRye 6.10's order: see the class comment. */
    private boolean offload() {
        if (blocking == null && nonBlocking == null) {
            if (onMethod(nonBlockingAsynchronous)) {
                return false;
            }
            if (onMethod(asynchronous)) {
                return true;
            }
            if (nonBlockingAsynchronous != null) {
                return false;
            }
            return asynchronous != null;
        }
        if (onMethod(blocking)) {
            return true;
        }
        if (onMethod(nonBlocking) || onMethod(nonBlockingAsynchronous)) {
            return false;
        }
        if (blocking != null) {
            return true;
        }
        if (nonBlocking != null || nonBlockingAsynchronous != null) {
            return false;
        }
        return asynchronous != null;
    }

    private static boolean onMethod(FoundAnnotation<?> found) {
        return found != null && !found.classLevel();
    }

    private static boolean returnsStage(Method method, CompletionStageAdapter adapter) {
        Class<?> returnType = method.getReturnType();
        return returnType == CompletionStage.class
                || returnType == CompletableFuture.class
                || adapter.adapts(method);
    }

    private static String contradiction(
            GuardedMethod guarded,
            FoundAnnotation<?> first,
            FoundAnnotation<?> second,
            String how) {
        String place =
                first.classLevel() ? "the class " + first.declaredOn().getName() : "the method";
        return "@"
                + first.annotation().annotationType().getSimpleName()
                + " and @"
                + second.annotation().annotationType().getSimpleName()
                + " on "
                + guarded.describe()
                + ": both are on "
                + place
                + ", which asks to run it "
                + how
                + "; allowed: one of them on a method"
                + " or a class (one on the method overrides the other on its class)";
    }
}
