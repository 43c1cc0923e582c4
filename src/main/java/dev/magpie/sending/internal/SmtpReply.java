package dev.magpie.sending.internal;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What an SMTP failure means for the message: a 5xx reply is permanent (the address or message is refused for
 * good), anything else (a 4xx reply, a timeout, a dropped connection) is transient and worth another attempt.
 *
 * @param code the server's reply code, or 0 when there was no reply (a network failure)
 * @param text the reply (or the failure) as the server or the library put it
 */
record SmtpReply(int code, String text) {

    boolean permanent() {
        return code >= 500 && code < 600;
    }

    /** Reads the reply out of the exception chain Jakarta Mail throws (nested and next exceptions). */
    static SmtpReply of(MessagingException failure) {
        Set<Throwable> seen = new HashSet<>();
        Throwable current = failure;
        SmtpReply found = null;
        while (current != null && seen.add(current)) {
            int code = current instanceof SMTPAddressFailedException address ? address.getReturnCode()
                    : current instanceof SMTPSendFailedException send ? send.getReturnCode()
                            : current instanceof SMTPSenderFailedException sender ? sender.getReturnCode() : 0;
            if (code > 0 && (found == null || code >= 500)) {
                found = new SmtpReply(code, current.getMessage().strip());
            }
            Throwable next = current instanceof MessagingException messaging ? messaging.getNextException() : null;
            current = next != null ? next : current.getCause();
        }
        if (found != null) {
            return found;
        }
        Throwable root = failure;
        while (root.getCause() != null && !(root instanceof IOException)) {
            root = root.getCause();
        }
        return new SmtpReply(0, root.getClass().getSimpleName() + ": " + root.getMessage());
    }
}
