package dev.magpie.audiences.internal.lists;

import java.util.Locale;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Sends double opt-in confirmation emails as plain text, from the account's sender when it has one, with a link
 * back to the address the subscription came in on.
 */
@Component
class ConfirmationMailer {

    private final ObjectProvider<JavaMailSender> mailSender;

    private final MessageSource messages;

    private final AccountDirectory accounts;

    private final ListsProperties properties;

    ConfirmationMailer(ObjectProvider<JavaMailSender> mailSender, MessageSource messages, AccountDirectory accounts,
            ListsProperties properties) {
        this.mailSender = mailSender;
        this.messages = messages;
        this.accounts = accounts;
        this.properties = properties;
    }

    void send(String accountId, String to, String listName, String token) {
        // Without a relay the subscriber can never confirm; failing loudly beats a silent pending forever
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new MailPreparationException("No mail server is configured (spring.mail.host)");
        }
        AccountView account = accounts.find(accountId).orElseThrow();
        String link = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/subscriptions/confirm/{token}")
            .buildAndExpand(token)
            .toUriString();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(account.senderEmail() == null || account.senderEmail().isBlank() ? properties.mailFrom()
                : account.senderName() == null ? account.senderEmail()
                        : account.senderName() + " <" + account.senderEmail() + ">");
        message.setTo(to);
        message.setSubject(text("lists.mail.confirm.subject", listName, account.name()));
        message.setText(text("lists.mail.confirm.body", listName, account.name(), link,
                properties.confirmationValidity().toDays()));
        sender.send(message);
    }

    private String text(String code, Object... arguments) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(code, arguments, locale);
    }
}
