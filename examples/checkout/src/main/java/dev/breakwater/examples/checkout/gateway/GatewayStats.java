package dev.breakwater.examples.checkout.gateway;

/** How many calls reached the simulated gateway, per endpoint, since the application started. */
public record GatewayStats(long charges, long catalogue) {}
