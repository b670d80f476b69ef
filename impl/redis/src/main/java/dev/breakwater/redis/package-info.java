/**
 * Fleet mode on Redis: {@link dev.breakwater.redis.RedisFleetBackend} implements breakwater-core's
 * {@link dev.breakwater.core.fleet.FleetBackend} with Lettuce, one Lua script per exchange, a pub/sub channel for
 * changes of state and the server's clock. See {@code docs/cluster.md}.
 */
package dev.breakwater.redis;
