/**
 * Deliverability: who must not be emailed, and how recipients stop messages. The account's suppression list
 * (unsubscribed, bounced, complained, added by hand), unsubscribe links signed per account, the headers a sent
 * message carries for them ({@code List-Unsubscribe}, RFC 8058 one-click), and the unsubscribe endpoints.
 * Suppressions live in Cassandra.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Deliverability")
package dev.magpie.deliverability;
