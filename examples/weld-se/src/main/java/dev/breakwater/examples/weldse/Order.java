package dev.breakwater.examples.weldse;

/** What the shop asks the payment gateway to charge. */
public record Order(String id, long amountCents) {}
