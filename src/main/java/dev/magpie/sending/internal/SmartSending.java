package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.campaigns.Campaign;
import org.springframework.stereotype.Component;

/**
 * Smart sending: a campaign that has it on skips a profile that received a marketing email within its window
 * ({@code smartSendingHours}, 16 by default). Every campaign email the SMTP server accepts is recorded per profile
 * in {@code recent_sends} (db/cassandra/migrations/V009__recent_sends.cql), whether or not its own campaign uses
 * smart sending: the window is about what the recipient received, not about which campaign sent it.
 *
 * <p>Only campaign sends count as marketing email; a job whose source is not a campaign (a test send, a
 * transactional message) is neither checked nor recorded.
 *
 * <p>The check is a read and the record a write after the send, with no lock between them: two campaigns sending
 * to the same profile at the same moment can both pass the check. The window is the time from one job's check to
 * its record (rendering and the SMTP exchange, typically well under a second). Closing it would take a lightweight
 * transaction per profile on every campaign email, held across the SMTP exchange and released on every bounce or
 * deferral — a third Paxos round per message on top of the message log's two, for a rare and harmless race (the
 * profile gets two emails close together, as it would with smart sending off).
 */
@Component
class SmartSending {

    /** What a skipped job's detail starts with, before the colon; reports group skips by it. */
    static final String REASON = "smart sending";

    /** How long a recorded send is kept: beyond the longest window a campaign can have (168 hours). */
    static final Duration KEPT = Duration.ofDays(8);

    private final CqlSession session;

    private final Clock clock;

    private final PreparedStatement select;

    private final PreparedStatement record;

    SmartSending(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        select = session.prepare("SELECT last_marketing_email_at, last_source_id FROM recent_sends "
                + "WHERE account_id = ? AND profile_id = ?");
        // The write's timestamp is the send's own moment: of two records, the later send wins whatever the order
        // the writes arrive in
        record = session.prepare("UPDATE recent_sends USING TIMESTAMP ? AND TTL " + KEPT.toSeconds()
                + " SET last_marketing_email_at = ?, last_source_id = ? WHERE account_id = ? AND profile_id = ?");
    }

    /**
     * Why {@code campaign}'s email to the profile is skipped — "smart sending: received a marketing email 3 h
     * ago" — or nothing when it goes: smart sending is off, there is no campaign, the profile's last marketing
     * email is at least the window's hours old, or that email was this very campaign's (an earlier attempt of the
     * same job).
     */
    Optional<String> skipReason(String accountId, String profileId, Campaign campaign) {
        if (campaign == null || !campaign.smartSending()) {
            return Optional.empty();
        }
        Row row = session.execute(select.bind(accountId, profileId)).one();
        if (row == null || row.getInstant("last_marketing_email_at") == null
                || campaign.id().equals(row.getString("last_source_id"))) {
            return Optional.empty();
        }
        Instant last = row.getInstant("last_marketing_email_at");
        Duration ago = Duration.between(last, clock.instant());
        if (ago.compareTo(Duration.ofHours(campaign.smartSendingHours())) >= 0) {
            return Optional.empty();
        }
        return Optional.of(REASON + ": received a marketing email " + describe(ago) + " ago");
    }

    /** Records that the profile received the campaign {@code sourceId}'s email at {@code sentAt}. */
    void recordSent(String accountId, String profileId, String sourceId, Instant sentAt) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, sentAt);
        session.execute(record.bind(micros, sentAt, sourceId, accountId, profileId));
    }

    /** "3 h" or, under an hour, "12 min"; a send recorded a moment ahead of this clock reads as "0 min". */
    static String describe(Duration ago) {
        if (ago.isNegative()) {
            return "0 min";
        }
        return ago.toHours() >= 1 ? ago.toHours() + " h" : ago.toMinutes() + " min";
    }
}
