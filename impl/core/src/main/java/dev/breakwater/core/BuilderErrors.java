package dev.breakwater.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects what is wrong with the options of one typed builder, each named as the option call that set it
 * ({@code retry.delay(PT-1S)}), so that {@code build()} reports them all at once. The rules are the policies'
 * own ({@code RetryPolicy.violations(...)} and the like), the same the annotations are checked against.
 */
final class BuilderErrors {

    private final String subject;
    private final List<String> errors = new ArrayList<>();

    /** @param subject what is being built, as messages name it ({@code Guard 'inventory'}) */
    BuilderErrors(String subject) {
        this.subject = subject;
    }

    /** @return the option call as the user wrote it, {@code delay(PT5S)} */
    static String written(String option, Object value) {
        return option + "(" + value + ")";
    }

    void add(String written, String allowed) {
        errors.add(written + " is invalid; allowed: " + allowed);
    }

    /**
     * @param written the option calls that set each parameter the rules name, by parameter
     */
    void report(List<Violation> violations, Map<String, String> written) {
        for (Violation violation : violations) {
            add(
                    written.getOrDefault(violation.parameter(), violation.parameter()),
                    violation.allowed());
        }
    }

    /**
     * @return the duration in nanoseconds; one too long for a {@code long} is recorded as an error and read as 0
     */
    long nanos(String written, Duration value) {
        try {
            return value.toNanos();
        } catch (ArithmeticException e) {
            add(written, "a duration of at most " + Long.MAX_VALUE + " ns (about 292 years)");
            return 0;
        }
    }

    /** @throws IllegalArgumentException naming every error, numbered when there are several */
    void throwIfAny() {
        if (errors.isEmpty()) {
            return;
        }
        if (errors.size() == 1) {
            throw new IllegalArgumentException(subject + ": " + errors.get(0));
        }
        StringBuilder message =
                new StringBuilder(subject)
                        .append(" has ")
                        .append(errors.size())
                        .append(" invalid options:");
        for (int i = 0; i < errors.size(); i++) {
            message.append(System.lineSeparator())
                    .append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(errors.get(i));
        }
        throw new IllegalArgumentException(message.toString());
    }
}
