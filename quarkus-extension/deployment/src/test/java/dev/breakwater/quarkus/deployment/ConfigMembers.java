package dev.breakwater.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * Every configurable member of every annotation in Quarkus's kebab-case spelling, with its spec name, for tests
 * that set each one through a key and find the key named in the error about its value.
 */
final class ConfigMembers {

    /** One member: {@code retry.max-retries} is {@code maxRetries}; {@code quoted} when errors quote its value. */
    record Member(String annotation, String member, String specMember, boolean quoted) {
        String key(String start) {
            return start + annotation + "." + member;
        }

        /** @return how an error shows the member set to {@code x} through {@code key} */
        String shown(String key) {
            return specMember + " = " + (quoted ? "'x'" : "x") + " (config key " + key + ")";
        }
    }

    static final List<Member> TIMEOUT =
            List.of(
                    m("timeout", "value", "value"),
                    m("timeout", "unit", "unit"),
                    m("timeout", "enabled", "enabled"));
    static final List<Member> RETRY =
            List.of(
                    m("retry", "max-retries", "maxRetries"),
                    m("retry", "delay", "delay"),
                    m("retry", "delay-unit", "delayUnit"),
                    m("retry", "max-duration", "maxDuration"),
                    m("retry", "max-duration-unit", "durationUnit"),
                    m("retry", "jitter", "jitter"),
                    m("retry", "jitter-unit", "jitterDelayUnit"),
                    m("retry", "retry-on", "retryOn"),
                    m("retry", "abort-on", "abortOn"),
                    m("retry", "enabled", "enabled"));
    static final List<Member> CIRCUIT_BREAKER =
            List.of(
                    m("circuit-breaker", "delay", "delay"),
                    m("circuit-breaker", "delay-unit", "delayUnit"),
                    m("circuit-breaker", "request-volume-threshold", "requestVolumeThreshold"),
                    m("circuit-breaker", "failure-ratio", "failureRatio"),
                    m("circuit-breaker", "success-threshold", "successThreshold"),
                    m("circuit-breaker", "fail-on", "failOn"),
                    m("circuit-breaker", "skip-on", "skipOn"),
                    m("circuit-breaker", "enabled", "enabled"));
    static final List<Member> BULKHEAD =
            List.of(
                    m("bulkhead", "value", "value"),
                    m("bulkhead", "waiting-task-queue", "waitingTaskQueue"),
                    m("bulkhead", "enabled", "enabled"));

    /** On a method with {@code fallbackMethod}: its members but {@code value}. */
    static final List<Member> FALLBACK_METHOD =
            List.of(
                    new Member("fallback", "fallback-method", "fallbackMethod", false),
                    m("fallback", "apply-on", "applyOn"),
                    m("fallback", "skip-on", "skipOn"),
                    m("fallback", "enabled", "enabled"));

    /** On a method with a handler: {@code value}. */
    static final List<Member> FALLBACK_HANDLER = List.of(m("fallback", "value", "value"));

    static final List<Member> ASYNCHRONOUS = List.of(m("asynchronous", "enabled", "enabled"));

    private ConfigMembers() {}

    private static Member m(String annotation, String member, String specMember) {
        return new Member(annotation, member, specMember, true);
    }

    /** @return every member of the four annotations that may be placed on a class */
    static List<Member> classLevel() {
        List<Member> all = new ArrayList<>(TIMEOUT);
        all.addAll(RETRY);
        all.addAll(CIRCUIT_BREAKER);
        all.addAll(BULKHEAD);
        return all;
    }
}
