package dev.breakwater.core;

/**
 * One parameter of a policy whose value is outside what the policy allows.
 *
 * @param parameter the parameter's name, as the annotation spells it
 * @param value the offending value, as written
 * @param allowed what the parameter accepts, in words a user can act on
 */
public record Violation(String parameter, String value, String allowed) {

    @Override
    public String toString() {
        return parameter + " = " + value + " is invalid; allowed: " + allowed;
    }
}
