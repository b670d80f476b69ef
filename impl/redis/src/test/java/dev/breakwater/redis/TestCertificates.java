package dev.breakwater.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for a TLS redis-server on 127.0.0.1, made with {@code openssl}: a certificate authority of a day
 * and a server certificate it signed, whose subject alternative name is the IP address 127.0.0.1.
 */
public final class TestCertificates {

    private TestCertificates() {}

    /**
     * Writes {@code ca.crt} (the authority to trust), {@code redis.crt} and {@code redis.key} (the server's) into a
     * directory.
     *
     * @param dir where the files go
     * @throws IllegalStateException when {@code openssl} fails, with what it printed
     */
    public static void issue(Path dir) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-days",
                "1",
                "-subj",
                "/CN=breakwater-test-ca");
        openssl(
                dir,
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "redis.key",
                "-out",
                "redis.csr",
                "-subj",
                "/CN=127.0.0.1");
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                "redis.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "redis.crt",
                "-days",
                "1",
                "-extfile",
                "san.ext");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + args[0] + " failed: " + output);
        }
    }
}
