package dev.magpie.sending.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import dev.magpie.devengines.LocalSmtp;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * The messages the in-JVM GreenMail received for the recipients of one domain, read from GreenMail's own mailboxes
 * (which keep everything, unlike the dev inbox's last thousand). A test gives its recipients a domain of its own, so
 * that it counts its messages only, whichever application context of the JVM delivered them.
 */
record CampaignMail(String to, String messageId, String subject, String html, String text, MimeMessage message,
        String raw) {

    static GreenMail greenMail() {
        return LocalSmtp.greenMail().orElseThrow(() -> new IllegalStateException("GreenMail does not run here"));
    }

    /** Every message received for an address at {@code domain}. */
    static List<CampaignMail> receivedAt(String domain) {
        List<CampaignMail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail().getReceivedMessagesForDomain(domain)) {
            mails.add(read(message));
        }
        return mails;
    }

    /** How many messages each address at {@code domain} received whose Message-ID names {@code source}. */
    static Map<String, Integer> countsBySource(String domain, String source) {
        Map<String, Integer> counts = new HashMap<>();
        String prefix = "<" + source.toLowerCase(Locale.ROOT) + ".";
        for (MimeMessage message : greenMail().getReceivedMessagesForDomain(domain)) {
            try {
                String id = message.getMessageID();
                if (id != null && id.startsWith(prefix)) {
                    counts.merge(recipient(message), 1, Integer::sum);
                }
            }
            catch (MessagingException unreadable) {
                throw new IllegalStateException(unreadable);
            }
        }
        return counts;
    }

    static CampaignMail read(MimeMessage message) {
        try {
            Bodies bodies = new Bodies();
            bodies.collect(message);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return new CampaignMail(recipient(message), message.getMessageID(), message.getSubject(), bodies.html,
                    bodies.text, message, raw.toString(StandardCharsets.UTF_8));
        }
        catch (MessagingException | IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** The values of one header, unfolded. */
    List<String> header(String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? List.of()
                    : java.util.Arrays.stream(values).map(value -> value.replaceAll("\r\n\\s+", " ")).toList();
        }
        catch (MessagingException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static String recipient(MimeMessage message) throws MessagingException {
        Address[] to = message.getRecipients(MimeMessage.RecipientType.TO);
        return to == null || to.length == 0 ? "" : ((InternetAddress) to[0]).getAddress().toLowerCase(Locale.ROOT);
    }

    private static final class Bodies {

        String text;

        String html;

        void collect(Part part) throws MessagingException, IOException {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
            else if (part.isMimeType("text/html") && html == null) {
                html = (String) part.getContent();
            }
            else if (part.isMimeType("text/plain") && text == null) {
                text = (String) part.getContent();
            }
        }
    }
}
