package dev.breakwater.examples.plainjava;

import java.time.Duration;

/** How a charge ended: charged, or not taken with a time after which trying again makes sense. */
public sealed interface Payment {

    /** @param transaction the gateway's id for the charge */
    record Charged(String transaction) implements Payment {}

    /**
     * @param reason     why the payment was not taken
     * @param retryAfter when the client should try again: what the answer's {@code Retry-After} says
     */
    record NotTaken(Reason reason, Duration retryAfter) implements Payment {}

    /** Why a payment was not taken, each with the code the checkout answers with. */
    enum Reason {
        CIRCUIT_OPEN("circuit-open", "the payment gateway is failing; refused without calling it"),
        BUSY("busy", "too many payments in flight"),
        GATEWAY_TIMEOUT("gateway-timeout", "the payment gateway did not answer in time"),
        GATEWAY_FAILED("gateway-failed", "the payment gateway failed, retries included");

        private final String code;
        private final String explanation;

        Reason(String code, String explanation) {
            this.code = code;
            this.explanation = explanation;
        }

        /** @return the short code that starts the answer's body */
        public String code() {
            return code;
        }

        public String explanation() {
            return explanation;
        }
    }
}
