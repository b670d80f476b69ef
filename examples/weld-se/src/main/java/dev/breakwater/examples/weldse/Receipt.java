package dev.breakwater.examples.weldse;

/** The answer the shop gets for an order: charged now, or accepted to be charged later. */
public record Receipt(String orderId, Outcome outcome, String detail) {

    /** How the order ended. */
    public enum Outcome {
        /** The gateway charged the card. */
        CHARGED,
        /** The gateway could not be used; the order is queued to be charged once it is back. */
        DEFERRED
    }

    static Receipt charged(Order order, String transactionId) {
        return new Receipt(order.id(), Outcome.CHARGED, transactionId);
    }

    static Receipt deferred(Order order, String reason) {
        return new Receipt(order.id(), Outcome.DEFERRED, reason);
    }
}
