package dev.breakwater.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The exception types given to a typed builder's option, checked for null once, where they are given. */
final class ExceptionTypes {

    private ExceptionTypes() {}

    /** Copies element by element: the varargs array itself never leaves this method. */
    @SafeVarargs
    static List<Class<? extends Throwable>> of(String option, Class<? extends Throwable>... types) {
        Objects.requireNonNull(types, option);
        List<Class<? extends Throwable>> copy = new ArrayList<>(types.length);
        for (Class<? extends Throwable> type : types) {
            copy.add(Objects.requireNonNull(type, option + " element"));
        }
        return List.copyOf(copy);
    }
}
