package dev.breakwater.cdi.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on the loopback interface that accepts every connection and resets it at once: with SO_LINGER 0,
 * closing the socket sends a TCP RST instead of an orderly FIN, so the client fails with a connection reset.
 * It counts the connections it accepted.
 */
final class ResettingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    ResettingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptAndReset, "test-resetting-server");
        acceptor.start();
    }

    URI uri() {
        return URI.create(
                "http://"
                        + socket.getInetAddress().getHostAddress()
                        + ":"
                        + socket.getLocalPort()
                        + "/");
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptAndReset() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                connection.setSoLinger(true, 0);
                connection.close();
            } catch (SocketException closed) {
                return; // close() closed the listening socket: the server is done
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor.join();
    }
}
