/**
 * Campaigns: one email, sent once, to an audience. A campaign names the lists and segments it goes to and those it
 * leaves out, how and when it is sent (now, at a time, or at a local time in each recipient's zone; throttled;
 * with smart sending) and its message (subject, preview text, sender, reply-to, template). The eligible
 * recipients — deduplicated, without excluded, suppressed or non-consenting profiles — are computed here, for
 * the recipient estimate and for the sending pipeline. Definitions live in MySQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Campaigns")
package dev.magpie.campaigns;
