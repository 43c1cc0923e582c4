package dev.magpie.devengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Which local TCP ports answer, and which are free to listen on. */
final class LocalPorts {

    static final String LOOPBACK = "127.0.0.1";

    private LocalPorts() {
    }

    /** Whether something accepts connections on {@code 127.0.0.1:port}. */
    static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        }
        catch (IOException notListening) {
            return false;
        }
    }

    /** {@code preferred} when nothing listens there, else a port the system hands out. */
    static int freeOr(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
        catch (IOException taken) {
            return free();
        }
    }

    /** A port nothing listens on right now. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }
}
