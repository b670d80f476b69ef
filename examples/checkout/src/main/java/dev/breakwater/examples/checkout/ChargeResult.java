package dev.breakwater.examples.checkout;

/** The gateway's answer for a charged order. */
public record ChargeResult(String orderId, String transactionId) {}
