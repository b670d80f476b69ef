package dev.breakwater.cdi;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceDefinitionException;

/** Collects every definition error of a deployment so they can be reported together. */
final class DefinitionErrors {

    private final List<String> errors = new ArrayList<>();

    void add(String error) {
        errors.add(error);
    }

    int size() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** @return one exception whose message lists every error, numbered when there are several */
    FaultToleranceDefinitionException toException() {
        if (errors.size() == 1) {
            return new FaultToleranceDefinitionException(errors.get(0));
        }
        StringBuilder message =
                new StringBuilder()
                        .append(errors.size())
                        .append(" fault tolerance definition errors:");
        for (int i = 0; i < errors.size(); i++) {
            message.append(System.lineSeparator())
                    .append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(errors.get(i));
        }
        return new FaultToleranceDefinitionException(message.toString());
    }
}
