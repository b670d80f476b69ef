package dev.breakwater.redis.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one Lua script of fleet mode ({@code fleet.lua}): a client runs it by its {@link #digest()} ({@code EVALSHA})
 * and sends the {@link #source()} ({@code EVAL}) only when the server answers {@code NOSCRIPT} (after a restart,
 * {@code SCRIPT FLUSH} or a failover).
 */
public final class FleetScript {

    private static final String NO_SCRIPT = "NOSCRIPT";

    private final String source;
    private final String digest;

    /** Reads the script from this module's resources. */
    public FleetScript() {
        try (InputStream in = FleetScript.class.getResourceAsStream("fleet.lua")) {
            if (in == null) {
                throw new IllegalStateException(
                        "fleet.lua is missing from breakwater-redis-protocol");
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

    /** @return the script's text, for {@code EVAL} */
    public String source() {
        return source;
    }

    /** @return the SHA-1 of the script, hex, for {@code EVALSHA} */
    public String digest() {
        return digest;
    }

    /**
     * @param error the text of an error reply
     * @return whether Redis does not know the script, so that it must be sent whole
     */
    public static boolean unknown(String error) {
        return error != null && error.startsWith(NO_SCRIPT);
    }
}
