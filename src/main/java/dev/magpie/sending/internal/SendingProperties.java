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
 * @param launcher the campaign launcher's settings
 */
@ConfigurationProperties("magpie.sending")
record SendingProperties(@DefaultValue("16") int consumers, @DefaultValue("16") int smtpConnections,
        @DefaultValue("magpie.local") String messageIdDomain, @DefaultValue("magpie") String feedbackSender,
        @DefaultValue("no-reply@magpie.local") String defaultFrom, @DefaultValue("2m") Duration claimLease,
        @DefaultValue Launcher launcher) {

    /**
     * Settings of the campaign launcher.
     *
     * @param background whether this instance polls for due campaigns (tests that drive it themselves turn it off)
     * @param pollInterval how often it looks for due campaigns and for sent ones
     * @param lease how long a claimed campaign belongs to the instance publishing it without a sign of life; renewed
     *        after every batch
     * @param batchSize how many recipients are published between two progress records and status checks; the more,
     *        the more of a job's recipients share a message-log shard (256 per campaign) and are claimed together
     * @param recipientsPerJob the most recipients one send job holds
     */
    record Launcher(@DefaultValue("true") boolean background, @DefaultValue("5s") Duration pollInterval,
            @DefaultValue("2m") Duration lease, @DefaultValue("5000") int batchSize,
            @DefaultValue("50") int recipientsPerJob) {
    }
}
