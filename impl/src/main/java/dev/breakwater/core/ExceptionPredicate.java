package dev.breakwater.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a failure belongs to a set of exception types: it must be an instance of one of the
 * {@code include} types and of none of the {@code exclude} types. Exclusion wins, as the spec requires for
 * {@code skipOn} and {@code abortOn}.
 */
public final class ExceptionPredicate {

    private final Class<?>[] include;
    private final Class<?>[] exclude;

    private ExceptionPredicate(Class<?>[] include, Class<?>[] exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * @param include types whose instances match
     * @param exclude types whose instances never match, even when also included
     * @return a predicate over failures
     */
    public static ExceptionPredicate of(List<Class<? extends Throwable>> include,
                                        List<Class<? extends Throwable>> exclude) {
        return new ExceptionPredicate(include.toArray(new Class<?>[0]), exclude.toArray(new Class<?>[0]));
    }

    /** @return a predicate that matches every failure */
    public static ExceptionPredicate all() {
        return new ExceptionPredicate(new Class<?>[] {Throwable.class}, new Class<?>[0]);
    }

    /**
     * @param failure the failure to classify
     * @return whether it matches
     */
    public boolean test(Throwable failure) {
        for (Class<?> type : exclude) {
            if (type.isInstance(failure)) {
                return false;
            }
        }
        for (Class<?> type : include) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** Predicates are equal when they include and exclude the same types, in whatever order they were listed. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ExceptionPredicate that
                && types(include).equals(types(that.include)) && types(exclude).equals(types(that.exclude));
    }

    @Override
    public int hashCode() {
        return types(include).hashCode() * 31 + types(exclude).hashCode();
    }

    /** A set, not {@code Set.of}: an annotation may list a type twice. */
    private static Set<Class<?>> types(Class<?>[] listed) {
        return new HashSet<>(Arrays.asList(listed));
    }

    @Override
    public String toString() {
        return "include " + Arrays.toString(include) + ", exclude " + Arrays.toString(exclude);
    }
}
