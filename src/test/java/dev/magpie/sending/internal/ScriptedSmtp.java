package dev.magpie.sending.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server speaking just what Jakarta Mail says, with scripted replies: an address starting with
 * {@code soft-} is refused with a 451 on its first RCPT and accepted afterwards; one starting with {@code hard-}
 * is refused with a 550 every time. It keeps the messages it accepts and counts the RCPTs per address.
 */
final class ScriptedSmtp implements AutoCloseable {

    /** A message accepted: its envelope recipients and its raw text. */
    record Accepted(List<String> to, String raw) {
    }

    private final ServerSocket server;

    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

    private final Map<String, AtomicInteger> rcpts = new ConcurrentHashMap<>();

    ScriptedSmtp() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Accepted> acceptedFor(String address) {
        return accepted.stream().filter(message -> message.to().contains(address)).toList();
    }

    int rcptsFor(String address) {
        AtomicInteger count = rcpts.get(address);
        return count == null ? 0 : count.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> converse(socket), "scripted-smtp-connection");
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
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted.example ESMTP");
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-scripted.example\r\n250 8BITMIME");
                }
                else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
                    reply(out, "250 OK");
                }
                else if (command.startsWith("MAIL FROM") || command.startsWith("RSET")) {
                    to.clear();
                    reply(out, "250 OK");
                }
                else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
                    int attempt = rcpts.computeIfAbsent(address, key -> new AtomicInteger()).incrementAndGet();
                    if (address.startsWith("hard-")) {
                        reply(out, "550 5.1.1 <" + address + ">: no such user");
                    }
                    else if (address.startsWith("soft-") && attempt == 1) {
                        reply(out, "451 4.7.1 <" + address + ">: greylisted, try again later");
                    }
                    else {
                        to.add(address);
                        reply(out, "250 OK");
                    }
                }
                else if (command.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder raw = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        raw.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
                    }
                    accepted.add(new Accepted(List.copyOf(to), raw.toString()));
                    reply(out, "250 2.0.0 OK queued as " + accepted.size());
                }
                else if (command.equals("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                }
                else {
                    reply(out, "502 5.5.1 Unrecognised command");
                }
            }
        }
        catch (IOException | RuntimeException dropped) {
            // The client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
