package dev.magpie.sending.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sending.
 *
 * @param consumers consumers of the send queue per instance (each holds one SMTP connection while it sends)
 * @param smtpConnections connected SMTP transports kept open per instance and reused from message to message
 * @param messageIdDomain the domain of the Message-ID headers Magpie writes
 * @param feedbackSender the last part of the Feedback-ID header, naming the sending platform
 * @param defaultFrom the sender of accounts that have not set one
 * @param claimLease how long a claimed message belongs to the consumer that claimed it; a redelivered job finding
 *        an older claim takes it over (its consumer died)
 */
@ConfigurationProperties("magpie.sending")
record SendingProperties(@DefaultValue("4") int consumers, @DefaultValue("4") int smtpConnections,
        @DefaultValue("magpie.local") String messageIdDomain, @DefaultValue("magpie") String feedbackSender,
        @DefaultValue("no-reply@magpie.local") String defaultFrom, @DefaultValue("2m") Duration claimLease) {
}
