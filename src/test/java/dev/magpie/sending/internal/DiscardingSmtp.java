package dev.magpie.sending.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server for throughput measurements: it speaks what Jakarta Mail says, accepts every message, counts it
 * and its bytes, and forgets it (a server keeping 100,000 messages of 30 KB would measure the heap, not Magpie).
 * One thread per connection, reading bytes straight off the socket.
 */
final class DiscardingSmtp implements AutoCloseable {

    private final ServerSocket server;

    private final AtomicLong messages = new AtomicLong();

    private final AtomicLong bytes = new AtomicLong();

    private final AtomicLong firstAt = new AtomicLong();

    private final AtomicLong lastAt = new AtomicLong();

    /** The message whose arrival time is kept, to measure the rate after it (0: none), and that time. */
    private volatile long mark;

    private final AtomicLong markAt = new AtomicLong();

    DiscardingSmtp() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "discarding-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** Forgets the counts, for the next measurement. */
    void reset() {
        messages.set(0);
        bytes.set(0);
        firstAt.set(0);
        lastAt.set(0);
        mark = 0;
        markAt.set(0);
    }

    /**
     * Keeps the time the {@code n}th message (after the last reset) arrives, for {@link #ratePastMark}: the rate once
     * the JIT compiler has done its work on the path under test is the one a running application has.
     */
    void mark(long n) {
        mark = n;
        markAt.set(0);
    }

    /** Messages a second from the marked message to the last. */
    double ratePastMark() {
        return (messages.get() - mark) / ((lastAt.get() - markAt.get()) / 1e9);
    }

    /** Seconds from the first message accepted to the last, since the last reset. */
    double seconds() {
        return (lastAt.get() - firstAt.get()) / 1e9;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread connection = new Thread(() -> converse(socket), "discarding-smtp-connection");
                connection.setDaemon(true);
                connection.start();
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            Bytes in = new Bytes(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            reply(out, "220 sink.example ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-sink.example\r\n250-8BITMIME\r\n250 SIZE 52428800");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        long size = readData(in);
                        if (size < 0) {
                            return;
                        }
                        long now = System.nanoTime();
                        firstAt.compareAndSet(0, now);
                        lastAt.set(now);
                        bytes.addAndGet(size);
                        long accepted = messages.incrementAndGet();
                        if (accepted == mark) {
                            markAt.set(now);
                        }
                        reply(out, "250 2.0.0 OK queued as " + accepted);
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        }
        catch (IOException dropped) {
            // The client went away
        }
    }

    /** Reads a message up to the line holding a single dot; its size, or -1 when the connection ended. */
    private static long readData(Bytes in) throws IOException {
        // Matches CR LF . CR LF, the message's first line counting as preceded by CR LF
        int state = 2;
        long size = 0;
        int b;
        while ((b = in.read()) != -1) {
            size++;
            state = switch (state) {
                case 0 -> b == '\r' ? 1 : 0;
                case 1 -> b == '\n' ? 2 : b == '\r' ? 1 : 0;
                case 2 -> b == '.' ? 3 : b == '\r' ? 1 : 0;
                case 3 -> b == '\r' ? 4 : 0;
                case 4 -> b == '\n' ? 5 : b == '\r' ? 1 : 0;
                default -> 0;
            };
            if (state == 5) {
                return size;
            }
        }
        return -1;
    }

    private static String readLine(Bytes in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) b);
        }
        return null;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** An unsynchronised read buffer: a message is read a byte at a time. */
    private static final class Bytes {

        private final InputStream in;

        private final byte[] buffer = new byte[64 * 1024];

        private int position;

        private int limit;

        Bytes(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return -1;
                }
            }
            return buffer[position++] & 0xff;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
