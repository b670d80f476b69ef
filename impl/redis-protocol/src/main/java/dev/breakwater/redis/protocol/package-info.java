/**
 * Fleet mode's conversation with Redis, without a client: {@link dev.breakwater.redis.protocol.FleetProtocol} turns
 * an exchange, a hold or a release into one run of {@link dev.breakwater.redis.protocol.FleetScript} on the
 * application's {@link dev.breakwater.redis.protocol.FleetKeys}, and checks every reply before it reaches a member.
 * Backends on a client (Lettuce in breakwater-redis, Quarkus's Redis client in the Quarkus extension) only carry the
 * bytes. See {@code docs/cluster.md}.
 */
package dev.breakwater.redis.protocol;
