package dev.breakwater.redis.protocol;

import java.util.List;

/**
 * One run of the fleet script, client-free: a client sends {@code EVALSHA <digest> <keys.size()> keys... args...}
 * and gives the reply back to {@link FleetProtocol} with this call.
 *
 * @param keys the script's keys, in order
 * @param args the script's arguments, in order
 * @param breakers how many breakers' views the reply holds
 * @param limiters how many rate limiters' leases the reply holds
 */
public record ScriptCall(List<String> keys, List<String> args, int breakers, int limiters) {

    /** Keeps unmodifiable copies. */
    public ScriptCall {
        keys = List.copyOf(keys);
        args = List.copyOf(args);
    }
}
