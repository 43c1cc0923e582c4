/**
 * Sending: delivers one recipient's email exactly once. Send jobs arrive on a RabbitMQ job queue; a consumer claims
 * the job's idempotency key in the Cassandra message log, renders the account's template for the profile, builds
 * the message with its unsubscribe, feedback and (when the account has a key) DKIM headers, hands it to SMTP over
 * pooled connections, and records the outcome: "Received Email", a bounce and suppression, or a retry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sending")
package dev.magpie.sending;
