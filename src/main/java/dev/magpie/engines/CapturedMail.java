package dev.magpie.engines;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An email that a development mail server caught instead of delivering, as the dev inbox shows it.
 *
 * @param id identifies the message within the server that caught it
 * @param from the sender from the {@code From} header, decoded (such as {@code Shop <news@shop.example>})
 * @param to the envelope recipients ({@code RCPT TO}), which include Bcc recipients
 * @param subject the decoded {@code Subject} header, empty when there is none
 * @param receivedAt when the server accepted the message
 * @param headers every header, in order, with the raw (still encoded) values
 * @param textBody the plain-text body, or {@code null} when the message has none
 * @param htmlBody the HTML body, or {@code null} when the message has none
 * @param raw the whole message as it came over SMTP (MIME)
 */
public record CapturedMail(String id, String from, List<String> to, String subject, Instant receivedAt,
        Map<String, List<String>> headers, String textBody, String htmlBody, String raw) {

    public CapturedMail {
        to = List.copyOf(to);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The values of one header, matched ignoring case; empty when absent. */
    public List<String> header(String name) {
        return headers.entrySet()
            .stream()
            .filter(header -> header.getKey().equalsIgnoreCase(name))
            .flatMap(header -> header.getValue().stream())
            .toList();
    }
}
