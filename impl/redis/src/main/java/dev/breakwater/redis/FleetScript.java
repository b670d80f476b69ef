package dev.breakwater.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one Lua script of fleet mode ({@code fleet.lua}), run by its digest and sent whole only when the server does
 * not know it (after a restart or {@code SCRIPT FLUSH}).
 */
final class FleetScript {

    private final String source;
    private final String digest;

    FleetScript() {
        try (InputStream in = FleetScript.class.getResourceAsStream("fleet.lua")) {
            if (in == null) {
                throw new IllegalStateException("fleet.lua is missing from breakwater-redis");
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            this.digest =
                    HexFormat.of()
                            .formatHex(
                                    MessageDigest.getInstance("SHA-1")
                                            .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1, which every JDK has, is missing", e);
        }
    }

    Object run(RedisCommands<String, String> redis, String[] keys, String... args) {
        try {
            return redis.evalsha(digest, ScriptOutputType.MULTI, keys, args);
        } catch (RedisNoScriptException unknown) {
            return redis.eval(source, ScriptOutputType.MULTI, keys, args);
        }
    }

    Object runForInteger(RedisCommands<String, String> redis, String[] keys, String... args) {
        try {
            return redis.evalsha(digest, ScriptOutputType.INTEGER, keys, args);
        } catch (RedisNoScriptException unknown) {
            return redis.eval(source, ScriptOutputType.INTEGER, keys, args);
        }
    }
}
