package dev.magpie.sending.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message that keeps the Message-ID it was given: Jakarta Mail would replace it with a random one when the
 * message is saved, and the log, the event and any duplicate must all name the same id.
 */
class OutgoingMessage extends MimeMessage {

    private final String messageId;

    OutgoingMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
