package dev.magpie.deliverability;

/** Why an address is on the suppression list. */
public enum SuppressionReason {

    /** The recipient unsubscribed: the one-click header, the unsubscribe page. */
    UNSUBSCRIBED,
    /** The address bounced for good (a permanent, 5xx, SMTP failure). */
    BOUNCED,
    /** The recipient marked a message as spam (a feedback-loop report). */
    COMPLAINED,
    /** A marketer added it on the suppressions page. */
    MANUAL
}
