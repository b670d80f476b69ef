package dev.breakwater.examples.checkout;

/** The body of an error response: a short code a client can switch on, and a sentence for people. */
public record Problem(String error, String detail) {}
