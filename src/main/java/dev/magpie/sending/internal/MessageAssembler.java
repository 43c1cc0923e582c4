package dev.magpie.sending.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.magpie.content.RenderedMessage;
import dev.magpie.deliverability.UnsubscribeLink;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.internal.DkimKeyStore.SigningKey;
import dev.magpie.tracking.TrackedLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of one recipient: multipart/alternative (plain text, then HTML, so clients prefer the
 * HTML), the sender and Reply-To, a Message-ID derived from the idempotency key (so a resend after a crash carries
 * the same id, which mailbox providers deduplicate on), the unsubscribe headers, a Feedback-ID for Gmail's
 * feedback loop, open and click tracking in the HTML, and a DKIM signature when the account has a key for the
 * sender's domain.
 */
@Component
class MessageAssembler {

    /** Headers the DKIM signature covers, beyond the library's defaults (From, Subject, Date, To, …). */
    static final String[] SIGNED_HEADERS = { "From", "Subject", "Message-ID", UnsubscribeLink.LIST_UNSUBSCRIBE,
            UnsubscribeLink.LIST_UNSUBSCRIBE_POST, "Feedback-ID" };

    private final SendingProperties properties;

    private final TrackedLinks trackedLinks;

    MessageAssembler(SendingProperties properties, TrackedLinks trackedLinks) {
        this.properties = properties;
        this.trackedLinks = trackedLinks;
    }

    /** {@code <source.profile.account@domain>}: the same for every attempt of one job. */
    String messageId(SendJob job) {
        return "<" + token(job.sourceId()) + "." + token(job.profileId()) + "." + token(job.accountId()) + "@"
                + properties.messageIdDomain() + ">";
    }

    /** {@code campaign:account:magpie}, Gmail's Feedback-ID layout (most specific first). */
    String feedbackId(SendJob job) {
        return token(job.sourceId()) + ":" + token(job.accountId()) + ":" + properties.feedbackSender();
    }

    /**
     * The message to {@code to}, DKIM-signed when a key is given; {@code tracked} rewrites its links to click
     * redirects and adds the open pixel (every recipient's copy; never a test).
     */
    MimeMessage assemble(Session session, SendJob job, InternetAddress from, String to, RenderedMessage rendered,
            String subject, UnsubscribeLink unsubscribe, Optional<SigningKey> dkim, boolean tracked)
            throws MessagingException {
        MimeMessage message = new OutgoingMessage(session, messageId(job));
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
        if (job.replyTo() != null && !job.replyTo().isBlank()) {
            message.setReplyTo(new InternetAddress[] { new InternetAddress(job.replyTo()) });
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        for (Map.Entry<String, String> header : unsubscribe.headers().entrySet()) {
            message.setHeader(header.getKey(), header.getValue());
        }
        message.setHeader("Feedback-ID", feedbackId(job));
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(rendered.text() == null ? "" : rendered.text(), StandardCharsets.UTF_8.name(), "plain");
        encodeQuotedPrintable(text);
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        String body = tracked
                ? trackedLinks.apply(job.accountId(), job.sourceId(), job.profileId(), messageId(job), rendered.html())
                : rendered.html();
        html.setText(body, StandardCharsets.UTF_8.name(), "html");
        encodeQuotedPrintable(html);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.saveChanges();
        if (dkim.isEmpty()) {
            return message;
        }
        return sign(message, dkim.get());
    }

    /**
     * Quoted-printable, chosen here: left to choose, Jakarta Mail reads the whole text once more to find the
     * encoding it needs, which for an email's HTML and text is quoted-printable anyway (any byte may appear, lines
     * may be long).
     */
    private static void encodeQuotedPrintable(MimeBodyPart part) throws MessagingException {
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
    }

    private static MimeMessage sign(MimeMessage message, SigningKey key) throws MessagingException {
        DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        // The key was read from our own store; looking its public half up in DNS at every send would only slow it
        signer.setCheckDomainKey(false);
        for (String header : SIGNED_HEADERS) {
            signer.addHeaderToSign(header);
        }
        return new DkimMessage(message, signer);
    }

    static InternetAddress address(String email, String name) {
        try {
            return name == null || name.isBlank() ? new InternetAddress(email, true)
                    : new InternetAddress(email, name, StandardCharsets.UTF_8.name());
        }
        catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException malformed) {
            throw new IllegalArgumentException("Not a sender address: " + email, malformed);
        }
    }

    /** Keeps ids readable in headers: letters, digits, dash and underscore. */
    private static String token(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
    }
}
