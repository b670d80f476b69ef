package dev.breakwater.examples.checkout;

/** An order to charge. */
public record ChargeRequest(String orderId, long amountCents) {}
