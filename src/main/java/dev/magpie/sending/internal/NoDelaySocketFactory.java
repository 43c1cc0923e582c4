package dev.magpie.sending.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import javax.net.SocketFactory;

/**
 * Sockets with Nagle's algorithm off, for SMTP ({@code mail.smtp.socketFactory.class}, set in
 * application.properties). A message goes out in several writes and its end waits for the server's reply: with
 * Nagle's algorithm on, the last segment waits for the acknowledgement of the one before, which the server delays
 * by up to 40 ms, so every message on a connection cost 40 ms of waiting. The sending benchmark's raw push (16
 * pooled connections, 37 KB messages, Jakarta Mail alone; docs/performance.md) reached 360 messages a second with
 * it, 1,400 to 1,600 without.
 *
 * <p>Public, with {@link #getDefault()}, because Jakarta Mail instantiates it by name.
 */
public final class NoDelaySocketFactory extends SocketFactory {

    private static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    /** What Jakarta Mail calls to get the factory. */
    public static SocketFactory getDefault() {
        return INSTANCE;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
