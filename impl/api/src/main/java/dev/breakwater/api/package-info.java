/**
 * Breakwater's own public API, beyond MicroProfile Fault Tolerance: naming circuit breakers
 * ({@link dev.breakwater.api.BreakerName}) and controlling them at run time
 * ({@link dev.breakwater.api.CircuitBreakers}, an injectable bean). Plain Java: these types import nothing from
 * CDI, MicroProfile or Breakwater's engine, so integrations (health checks, consoles) can use them anywhere.
 */
package dev.breakwater.api;
