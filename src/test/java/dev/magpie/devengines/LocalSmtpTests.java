package dev.magpie.devengines;

import java.time.Duration;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mail.health.MailHealthIndicator;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.mock.env.MockEnvironment;

import dev.magpie.engines.CapturedMail;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP server the tests and the local run use: configured, or GreenMail in this JVM. */
class LocalSmtpTests {

    @Test
    void leavesAConfiguredMailServerAlone() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.mail.host", "smtp.example.com");

        assertThat(new LocalSmtp().resolve(environment, "x")).isEmpty();
    }

    @Test
    void greenMailAcceptsMailForAnyoneAndKeepsEachMessageOnce() throws Exception {
        Map<String, Object> properties = new LocalSmtp().resolve(new MockEnvironment(), "x");
        JavaMailSenderImpl sender = sender(properties);

        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom("Acme Outfitters <news@acme.example>");
        helper.setTo(new String[] { "ada@customers.example", "grace@customers.example" });
        helper.setBcc("audit@acme.example");
        helper.setSubject("Spring sale — 20% off");
        helper.setText("Twenty percent off everything.", "<p>Twenty percent <b>off</b> everything.</p>");
        message.setHeader("List-Unsubscribe", "<https://magpie.example/u/abc>");
        sender.send(message);

        CapturedMailbox inbox = LocalSmtp.inbox().orElseThrow();
        CapturedMail mail = inbox.awaitMessageTo("grace@customers.example", Duration.ofSeconds(10));
        assertThat(mail.from()).isEqualTo("Acme Outfitters <news@acme.example>");
        assertThat(mail.to()).containsExactlyInAnyOrder("ada@customers.example", "grace@customers.example",
                "audit@acme.example");
        assertThat(mail.subject()).isEqualTo("Spring sale — 20% off");
        assertThat(mail.textBody()).isEqualTo("Twenty percent off everything.");
        assertThat(mail.htmlBody()).isEqualTo("<p>Twenty percent <b>off</b> everything.</p>");
        assertThat(mail.header("list-unsubscribe")).containsExactly("<https://magpie.example/u/abc>");
        assertThat(mail.raw()).contains("Subject: ", "multipart/alternative");
        assertThat(inbox.all().stream().filter(m -> m.subject().equals("Spring sale — 20% off"))).hasSize(1);
        assertThat(inbox.find(mail.id())).contains(mail);
        assertThat(LocalSmtp.greenMail().orElseThrow().getReceivedMessages()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void recentListsNewestFirst() {
        JavaMailSenderImpl sender = sender(new LocalSmtp().resolve(new MockEnvironment(), "x"));
        CapturedMailbox inbox = LocalSmtp.inbox().orElseThrow();
        for (String subject : new String[] { "first", "second" }) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("news@acme.example");
            message.setTo("order@customers.example");
            message.setSubject(subject);
            message.setText(subject);
            sender.send(message);
            inbox.await(mail -> mail.subject().equals(subject), Duration.ofSeconds(10));
        }

        assertThat(inbox.recent(2)).extracting(CapturedMail::subject).containsExactly("second", "first");
        assertThat(inbox.recent(0)).isEmpty();
    }

    @Test
    void mailHealthIsUpAgainstGreenMail() {
        JavaMailSenderImpl sender = sender(new LocalSmtp().resolve(new MockEnvironment(), "x"));

        assertThat(new MailHealthIndicator(sender).health().getStatus()).isEqualTo(Status.UP);
    }

    private static JavaMailSenderImpl sender(Map<String, Object> properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(properties.get("spring.mail.host").toString());
        sender.setPort(Integer.parseInt(properties.get("spring.mail.port").toString()));
        return sender;
    }
}
