package dev.magpie.tenancy.internal;

import java.time.Duration;
import java.util.Locale;

import dev.magpie.tenancy.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Sends the emails of accounts and sign-in (password resets, invitations) as plain text, with links back
 * to the address the request came in on, so they work behind any host name the installation uses.
 */
@Component
class TenancyMailer {

    private final ObjectProvider<JavaMailSender> mailSender;

    private final MessageSource messages;

    private final TenancyProperties properties;

    TenancyMailer(ObjectProvider<JavaMailSender> mailSender, MessageSource messages, TenancyProperties properties) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.properties = properties;
    }

    void sendPasswordReset(String to, String token) {
        String link = link("/password-reset/{token}", token);
        send(to, text("mail.password-reset.subject"),
                text("mail.password-reset.body", link, duration(properties.passwordResetValidity())));
    }

    void sendInvitation(String to, String token, String accountName, String inviterName, Role role) {
        String link = link("/invitations/{token}", token);
        send(to, text("mail.invitation.subject", inviterName, accountName),
                text("mail.invitation.body", inviterName, accountName, text("role." + role.name()), link,
                        duration(properties.invitationValidity())));
    }

    private void send(String to, String subject, String body) {
        // Without a relay there is no way to deliver the link; failing loudly beats a silent success page.
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new MailPreparationException("No mail server is configured (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mailFrom());
        message.setTo(to);
        message.setSubject(subject);
        message.setText(body);
        sender.send(message);
    }

    private static String link(String path, String token) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).buildAndExpand(token).toUriString();
    }

    private String duration(Duration validity) {
        if (validity.toHours() >= 24 && validity.toHours() % 24 == 0) {
            return text("duration.days", validity.toDays());
        }
        if (validity.toMinutes() >= 60 && validity.toMinutes() % 60 == 0) {
            return text("duration.hours", validity.toHours());
        }
        return text("duration.minutes", Math.max(1, validity.toMinutes()));
    }

    private String text(String code, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(code, arguments, locale);
    }
}
