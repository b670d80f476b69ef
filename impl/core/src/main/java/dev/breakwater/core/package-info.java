/**
 * The fault-tolerance engine: policies, their shared state and the pipelines that apply them.
 *
 * <p>This package is plain Java. It knows nothing of CDI or MicroProfile, so it can be tested alone and used
 * programmatically; the {@code cdi} package adapts it to annotated beans. Below it lies only the plain-Java
 * {@code dev.breakwater.api}, whose {@link dev.breakwater.api.BreakerState} names the breaker's states.
 */
package dev.breakwater.core;
