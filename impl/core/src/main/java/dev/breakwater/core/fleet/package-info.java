/**
 * Fleet mode's service provider interface: what a store shared by the instances of an application (Redis, in the
 * {@code breakwater-redis} artifact) must offer so that their circuit breakers open, probe and close together, and
 * an in-memory stand-in ({@link dev.breakwater.core.fleet.InMemoryFleetBackend}) for tests.
 *
 * <p>A backend is only ever called in the background, by a {@link dev.breakwater.core.FleetMember}, never on a
 * guarded call's path. It decides nothing on its own: it applies the rules written in {@link FleetBackend}'s
 * contract, atomically, over what every instance reported. Plain Java, like the rest of {@code dev.breakwater.core}.
 */
package dev.breakwater.core.fleet;
