package dev.magpie.tenancy.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.magpie.devengines.CapturedMailbox;
import dev.magpie.devengines.LocalSmtp;
import dev.magpie.engines.CapturedMail;

import static org.assertj.core.api.Assertions.assertThat;

/** The emails the tests' SMTP server caught, as their recipients would read them. */
final class Inbox {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Inbox() {
    }

    /** Every email sent to {@code address} so far, oldest first. */
    static List<Email> of(String address) {
        List<Email> received = new ArrayList<>(mailbox().all().stream()
            .filter(mail -> mail.to().stream().anyMatch(address::equalsIgnoreCase))
            .map(Email::new)
            .toList());
        Collections.reverse(received);
        return received;
    }

    /** The only email to {@code address}, waiting briefly for it to arrive. */
    static Email single(String address) {
        mailbox().awaitMessageTo(address, PATIENCE);
        List<Email> received = of(address);
        assertThat(received).as("emails to " + address).hasSize(1);
        return received.get(0);
    }

    private static CapturedMailbox mailbox() {
        return LocalSmtp.inbox()
            .orElseThrow(() -> new IllegalStateException("These tests read mail from the embedded SMTP server"));
    }

    /** An email as its recipient sees it. */
    record Email(String from, String subject, String body) {

        Email(CapturedMail mail) {
            this(mail.from(), mail.subject(), mail.textBody() == null ? "" : mail.textBody().replace("\r\n", "\n"));
        }

        /** The token of the first link in the body that starts with {@code path}, such as "/invitations/". */
        String tokenOfLink(String path) {
            Matcher link = Pattern.compile("https?://[^/\\s]+" + Pattern.quote(path) + "([A-Za-z0-9_-]+)").matcher(body);
            assertThat(link.find()).as("a link to " + path + " in:\n" + body).isTrue();
            return link.group(1);
        }
    }
}
