package dev.breakwater.core;

import java.util.ArrayList;
import java.util.List;

/** Collects the violations of one policy definition. */
final class Violations {

    private final List<Violation> found = new ArrayList<>();

    Violations require(boolean valid, String parameter, Object value, String allowed) {
        if (!valid) {
            found.add(new Violation(parameter, String.valueOf(value), allowed));
        }
        return this;
    }

    List<Violation> list() {
        return List.copyOf(found);
    }

    static void throwIfAny(String policy, List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid " + policy + ": " + violations);
        }
    }
}
