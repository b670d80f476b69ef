package dev.breakwater.examples.checkout;

/** An item the shop sells, priced in cents. */
public record Product(String id, String name, long priceCents) {}
