package dev.breakwater.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides whether a failure belongs to a set of exception types: it must be an instance of one of the
 * {@code include} types and of none of the {@code exclude} types. Exclusion wins, as the spec requires for
 * {@code skipOn} and {@code abortOn}.
 *
 * <p>A predicate {@link #inspectingCauses() inspecting causes} (SmallRye's non-compatible mode) decides a failure
 * that matches neither list by its cause chain: excluded if a cause is an instance of an {@code exclude} type,
 * otherwise included if a cause is an instance of an {@code include} type. A failure that matches a list itself is
 * decided as without inspection, so the chain is walked only for failures the lists do not name.
 */
public final class ExceptionPredicate implements Predicate<Throwable> {

    /** Bounds the walk along a cause chain: causes can form a cycle ({@code a -> b -> a}). */
    private static final int MAX_CAUSES = 64;

    private final Class<?>[] include;
    private final Class<?>[] exclude;
    private final boolean inspectsCauses;

    private ExceptionPredicate(Class<?>[] include, Class<?>[] exclude, boolean inspectsCauses) {
        this.include = include;
        this.exclude = exclude;
        this.inspectsCauses = inspectsCauses;
    }

    /**
     * @param include types whose instances match
     * @param exclude types whose instances never match, even when also included
     * @return a predicate over failures
     */
    public static ExceptionPredicate of(
            List<Class<? extends Throwable>> include, List<Class<? extends Throwable>> exclude) {
        return new ExceptionPredicate(
                include.toArray(new Class<?>[0]), exclude.toArray(new Class<?>[0]), false);
    }

    /** @return this predicate, deciding failures that match neither list by their cause chains */
    public ExceptionPredicate inspectingCauses() {
        return new ExceptionPredicate(include, exclude, true);
    }

    /** @return a predicate that matches every failure */
    public static ExceptionPredicate all() {
        return new ExceptionPredicate(new Class<?>[] {Throwable.class}, new Class<?>[0], false);
    }

    /**
     * @param failure the failure to classify
     * @return whether it matches
     */
    @Override
    public boolean test(Throwable failure) {
        if (isInstanceOfAny(exclude, failure)) {
            return false;
        }
        if (isInstanceOfAny(include, failure)) {
            return true;
        }
        return inspectsCauses
                && !anyCauseIsInstanceOfAny(exclude, failure)
                && anyCauseIsInstanceOfAny(include, failure);
    }

    private static boolean isInstanceOfAny(Class<?>[] types, Throwable failure) {
        for (Class<?> type : types) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCauseIsInstanceOfAny(Class<?>[] types, Throwable failure) {
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
            if (isInstanceOfAny(types, cause)) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }

    /**
     * Predicates are equal when they include and exclude the same types, in whatever order they were listed, and
     * both inspect causes or neither does.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ExceptionPredicate that
                && inspectsCauses == that.inspectsCauses
                && types(include).equals(types(that.include))
                && types(exclude).equals(types(that.exclude));
    }

    @Override
    public int hashCode() {
        return (types(include).hashCode() * 31 + types(exclude).hashCode()) * 31
                + Boolean.hashCode(inspectsCauses);
    }

    /** A set, not {@code Set.of}: an annotation may list a type twice. */
    private static Set<Class<?>> types(Class<?>[] listed) {
        return new HashSet<>(Arrays.asList(listed));
    }

    @Override
    public String toString() {
        return "include "
                + Arrays.toString(include)
                + ", exclude "
                + Arrays.toString(exclude)
                + (inspectsCauses ? ", inspecting causes" : "");
    }
}
