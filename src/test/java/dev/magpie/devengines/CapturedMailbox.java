package dev.magpie.devengines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.magpie.engines.CapturedMail;
import dev.magpie.engines.MailCapture;

/**
 * The messages GreenMail accepted, each once with its envelope recipients, newest first. GreenMail itself files a
 * copy in every recipient's mailbox; this keeps the message as the sender sent it.
 */
public final class CapturedMailbox implements MailCapture {

    /** How many messages are kept; older ones are forgotten. */
    static final int CAPACITY = 1000;

    private static final Log log = LogFactory.getLog(CapturedMailbox.class);

    private final Deque<CapturedMail> messages = new ArrayDeque<>();

    private final AtomicLong ids = new AtomicLong();

    private CapturedMailbox() {
    }

    /** A mailbox that records every message {@code greenMail} delivers from now on. */
    static CapturedMailbox listenTo(GreenMail greenMail) {
        CapturedMailbox mailbox = new CapturedMailbox();
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler(mailbox.recordingBefore(users.getMessageDeliveryHandler()));
        return mailbox;
    }

    @Override
    public synchronized List<CapturedMail> recent(int limit) {
        return messages.stream().limit(Math.max(limit, 0)).toList();
    }

    @Override
    public synchronized Optional<CapturedMail> find(String id) {
        return messages.stream().filter(message -> message.id().equals(id)).findFirst();
    }

    /** Every message kept, newest first. */
    public synchronized List<CapturedMail> all() {
        return List.copyOf(messages);
    }

    /** Forgets every message (GreenMail's own mailboxes are not touched). */
    public synchronized void clear() {
        messages.clear();
    }

    /**
     * Waits until a message matching {@code condition} has arrived and returns the newest such one, or fails when
     * none came within {@code timeout}.
     */
    public synchronized CapturedMail await(Predicate<CapturedMail> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<CapturedMail> found = messages.stream().filter(condition).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching mail arrived within %s; received: %s".formatted(timeout,
                        messages.stream().map(m -> m.to() + " " + m.subject()).toList()));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for mail", e);
            }
        }
    }

    /** Waits for a message to {@code address} (an envelope recipient), as {@link #await} does. */
    public CapturedMail awaitMessageTo(String address, Duration timeout) {
        return await(message -> message.to().stream().anyMatch(address::equalsIgnoreCase), timeout);
    }

    // GreenMail delivers a message once per recipient, one recipient after the other, with the same MovingMessage
    private MessageDeliveryHandler recordingBefore(MessageDeliveryHandler delivery) {
        return new MessageDeliveryHandler() {

            private MovingMessage last;

            @Override
            public synchronized GreenMailUser handle(MovingMessage message, MailAddress recipient)
                    throws MessagingException, UserException {
                if (message != last) {
                    last = message;
                    record(message);
                }
                return delivery.handle(message, recipient);
            }
        };
    }

    private void record(MovingMessage moving) {
        CapturedMail mail;
        try {
            mail = capture(String.valueOf(ids.incrementAndGet()), moving);
        }
        catch (MessagingException | IOException | RuntimeException e) {
            // A message the capture cannot read must still reach GreenMail's mailboxes
            log.warn("Could not capture a received message", e);
            return;
        }
        synchronized (this) {
            messages.addFirst(mail);
            while (messages.size() > CAPACITY) {
                messages.removeLast();
            }
            notifyAll();
        }
    }

    private static CapturedMail capture(String id, MovingMessage moving) throws MessagingException, IOException {
        MimeMessage message = moving.getMessage();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        Address[] from = message.getFrom();
        Bodies bodies = new Bodies();
        bodies.collect(message);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return new CapturedMail(id, from == null || from.length == 0 ? "" : readable(from[0]),
                moving.getToAddresses().stream().map(MailAddress::getEmail).toList(),
                message.getSubject() == null ? "" : message.getSubject(), Instant.now(), headers, bodies.text,
                bodies.html, raw.toString(StandardCharsets.UTF_8));
    }

    private static String readable(Address address) {
        return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
    }

    /** The first plain-text and the first HTML part that are not attachments. */
    private static final class Bodies {

        private String text;

        private String html;

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
            else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            }
            else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            }
        }
    }
}
