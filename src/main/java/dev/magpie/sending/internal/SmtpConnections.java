package dev.magpie.sending.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * A small pool of connected SMTP transports, {@code magpie.sending.smtp-connections} at most, to the server Spring's
 * mail settings name ({@code spring.mail.*}). Opening a connection (TCP, EHLO, maybe STARTTLS and AUTH) costs more
 * than sending a message over it, so connections are kept and reused; one that failed is closed and replaced, since
 * its SMTP state is unknown. A connection idle for longer than {@link #CHECK_AFTER_IDLE} is checked with a NOOP before
 * it is used again; one used just before is not, since that round trip would cost as much as the message itself.
 */
@Component
class SmtpConnections implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    private final ObjectProvider<JavaMailSender> mailSender;

    private final Semaphore permits;

    /**
     * How long a connection may have been idle and still be used without a NOOP first: servers drop idle
     * connections after minutes (RFC 5321 asks for at least five), not seconds.
     */
    static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(10);

    private final LinkedBlockingDeque<Idle> idle = new LinkedBlockingDeque<>();

    SmtpConnections(ObjectProvider<JavaMailSender> mailSender, SendingProperties properties) {
        this.mailSender = mailSender;
        this.permits = new Semaphore(Math.max(1, properties.smtpConnections()), true);
    }

    /** The session messages are built in: the one of the configured mail sender. */
    Session session() {
        return sender().getSession();
    }

    /**
     * Sends {@code message} to {@code recipients} over a pooled connection.
     *
     * @return the server's reply to the message (such as {@code 250 OK queued as …})
     * @throws MessagingException as the SMTP server or the connection failed; the connection is then discarded
     */
    String send(MimeMessage message, Address[] recipients) throws MessagingException {
        try {
            permits.acquire();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessagingException("Interrupted while waiting for an SMTP connection", e);
        }
        Transport transport = null;
        try {
            transport = connected();
            transport.sendMessage(message, recipients);
            String reply = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse().strip() : "250";
            idle.push(new Idle(transport, System.nanoTime()));
            transport = null;
            return reply;
        }
        finally {
            if (transport != null) {
                close(transport);
            }
            permits.release();
        }
    }

    /** An idle connection that is still open, or a new one. */
    private Transport connected() throws MessagingException {
        Idle kept;
        while ((kept = idle.poll()) != null) {
            // A NOOP (isConnected) finds a connection the server closed while it was idle before a message is lost
            // to it; one used moments ago is still open, as far as anything but sending can tell
            if (System.nanoTime() - kept.since() < CHECK_AFTER_IDLE.toNanos() || kept.transport().isConnected()) {
                return kept.transport();
            }
            close(kept.transport());
        }
        JavaMailSenderImpl sender = sender();
        String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
        Transport transport = sender.getSession().getTransport(protocol);
        transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        return transport;
    }

    private JavaMailSenderImpl sender() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            throw new IllegalStateException("No mail server is configured (spring.mail.host)");
        }
        return impl;
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        }
        catch (MessagingException | RuntimeException e) {
            log.debug("Closing an SMTP connection failed", e);
        }
    }

    @Override
    public void destroy() {
        Idle kept;
        while ((kept = idle.poll()) != null) {
            close(kept.transport());
        }
    }

    /** A connection back in the pool, and when it came back ({@link System#nanoTime()}). */
    private record Idle(Transport transport, long since) {
    }
}
