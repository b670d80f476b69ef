package dev.breakwater.core;

import java.util.List;
import java.util.Objects;

/** The exception types given to a typed builder's option, checked for null once, where they are given. */
final class ExceptionTypes {

    private ExceptionTypes() {
    }

    @SafeVarargs
    static List<Class<? extends Throwable>> of(String option, Class<? extends Throwable>... types) {
        Objects.requireNonNull(types, option);
        for (Class<? extends Throwable> type : types) {
            Objects.requireNonNull(type, option + " element");
        }
        return List.of(types);
    }
}
