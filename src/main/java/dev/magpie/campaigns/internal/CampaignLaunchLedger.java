package dev.magpie.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.campaigns.CampaignAudience.Position;
import dev.magpie.campaigns.CampaignLaunches;
import dev.magpie.tenancy.TenantTransactions;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.springframework.stereotype.Component;

/**
 * The launch columns of the {@code campaigns} table (db/mysql/V13__campaign_launch.sql and
 * V17__campaign_launch_resume.sql). Native SQL through Hibernate as the imports module's ledger does, run as root
 * because the claim looks at every account's campaigns; every change after the claim names the instance holding it
 * and expects the campaign to be sending, so an instance that lost its lease, or whose campaign was cancelled,
 * changes nothing and learns that it must stop. A paused launch has no owner and resumes at its lease's end.
 */
@Component
class CampaignLaunchLedger implements CampaignLaunches {

    private static final String LAUNCH_COLUMNS = "id, account_id, published_count, launch_started_at, launch_shard, "
            + "launch_after, launch_planned, launch_wave_after, launch_wave_until, launch_next_wave";

    private final EntityManager entities;

    private final TenantTransactions transactions;

    CampaignLaunchLedger(EntityManager entities, TenantTransactions transactions) {
        this.entities = entities;
        this.transactions = transactions;
    }

    @Override
    public Optional<Launch> claimDue(String owner, Instant now, Duration lease) {
        return transactions.asRoot(() -> {
            List<?> rows = entities.createNativeQuery("SELECT " + LAUNCH_COLUMNS + """
                     FROM campaigns
                    WHERE (status = 'SCHEDULED' AND send_time <= :now)
                       OR (status = 'SCHEDULED' AND send_strategy = 'LOCAL' AND send_time <= :localNow)
                       OR (status = 'SENDING' AND published_at IS NULL AND launch_lease_until <= :now)
                    ORDER BY send_time, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now)
                .setParameter("localNow", now.plus(LOCAL_LEAD))
                .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Launch claimed = launch((Object[]) rows.get(0), true);
            // As stored (microseconds), so that a throttled send paces alike before and after a restart
            Instant startedAt = claimed.startedAt() == null ? now.truncatedTo(ChronoUnit.MICROS)
                    : claimed.startedAt();
            entities.createNativeQuery("""
                    UPDATE campaigns SET status = 'SENDING', launch_owner = :owner, launch_lease_until = :lease,
                        launch_started_at = :startedAt, updated_at = :now
                    WHERE id = :id""")
                .setParameter("owner", owner)
                .setParameter("lease", now.plus(lease))
                .setParameter("startedAt", startedAt)
                .setParameter("now", now)
                .setParameter("id", claimed.campaignId())
                .executeUpdate();
            return Optional.of(new Launch(claimed.accountId(), claimed.campaignId(), startedAt, claimed.progress()));
        });
    }

    @Override
    public boolean recordProgress(Launch launch, String owner, Progress progress, Instant leaseUntil) {
        return transactions.asRoot(() -> progress(entities.createNativeQuery("""
                UPDATE campaigns SET published_count = :published, launch_shard = :shard, launch_after = :after,
                    launch_planned = :planned, launch_wave_after = :waveAfter, launch_wave_until = :waveUntil,
                    launch_next_wave = :nextWave, launch_lease_until = :lease
                WHERE id = :id AND account_id = :account AND launch_owner = :owner AND status = 'SENDING'
                    AND published_at IS NULL"""), progress)
            .setParameter("lease", leaseUntil)
            .setParameter("id", launch.campaignId())
            .setParameter("account", launch.accountId())
            .setParameter("owner", owner)
            .executeUpdate() == 1);
    }

    @Override
    public boolean pause(Launch launch, String owner, Progress progress, Instant resumeAt) {
        return transactions.asRoot(() -> progress(entities.createNativeQuery("""
                UPDATE campaigns SET published_count = :published, launch_shard = :shard, launch_after = :after,
                    launch_planned = :planned, launch_wave_after = :waveAfter, launch_wave_until = :waveUntil,
                    launch_next_wave = :nextWave, launch_owner = NULL, launch_lease_until = :resumeAt
                WHERE id = :id AND account_id = :account AND launch_owner = :owner AND status = 'SENDING'
                    AND published_at IS NULL"""), progress)
            .setParameter("resumeAt", resumeAt)
            .setParameter("id", launch.campaignId())
            .setParameter("account", launch.accountId())
            .setParameter("owner", owner)
            .executeUpdate() == 1);
    }

    @Override
    public boolean finishPublishing(Launch launch, String owner, long published, Instant now) {
        return transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE campaigns SET published_count = :published, published_at = :now, launch_owner = NULL,
                    launch_lease_until = NULL, launch_next_wave = NULL
                WHERE id = :id AND account_id = :account AND launch_owner = :owner AND status = 'SENDING'
                    AND published_at IS NULL""")
            .setParameter("published", published)
            .setParameter("now", now)
            .setParameter("id", launch.campaignId())
            .setParameter("account", launch.accountId())
            .setParameter("owner", owner)
            .executeUpdate() == 1);
    }

    @Override
    public List<Launch> awaitingCompletion() {
        return transactions.asRoot(() -> {
            List<?> rows = entities.createNativeQuery("SELECT " + LAUNCH_COLUMNS + """
                     FROM campaigns
                    WHERE status = 'SENDING' AND published_at IS NOT NULL ORDER BY published_at LIMIT 100""")
                .getResultList();
            List<Launch> launches = new ArrayList<>();
            for (Object found : rows) {
                launches.add(launch((Object[]) found, false));
            }
            return launches;
        });
    }

    @Override
    public Optional<Instant> resumesAt(String accountId, String campaignId) {
        return transactions.asRoot(() -> {
            List<?> found = entities.createNativeQuery("""
                    SELECT launch_lease_until FROM campaigns
                    WHERE id = :id AND account_id = :account AND status = 'SENDING' AND published_at IS NULL
                        AND launch_owner IS NULL AND launch_lease_until IS NOT NULL""")
                .setParameter("id", campaignId)
                .setParameter("account", accountId)
                .getResultList();
            return found.isEmpty() ? Optional.<Instant>empty() : Optional.of(toInstant(found.get(0)));
        });
    }

    /** How many jobs the campaign's launch has published so far, for its page. */
    long published(String accountId, String campaignId) {
        return transactions.asRoot(() -> {
            List<?> counts = entities.createNativeQuery("""
                    SELECT published_count FROM campaigns WHERE id = :id AND account_id = :account""")
                .setParameter("id", campaignId)
                .setParameter("account", accountId)
                .getResultList();
            return counts.isEmpty() ? 0L : ((Number) counts.get(0)).longValue();
        });
    }

    private static Query progress(Query update, Progress progress) {
        Position position = progress.position();
        return update.setParameter("published", progress.published())
            .setParameter("shard", position == null ? null : position.shard())
            .setParameter("after", position == null ? null : position.after())
            .setParameter("planned", progress.planned())
            .setParameter("waveAfter", progress.waveAfter())
            .setParameter("waveUntil", progress.waveUntil())
            .setParameter("nextWave", progress.nextWave());
    }

    /**
     * A launch from a row of {@link #LAUNCH_COLUMNS}. A launch claimed without a position (one that published
     * before positions were recorded) starts from the start, so nothing it published before counts.
     */
    private static Launch launch(Object[] row, boolean claimed) {
        Position position = row[4] == null ? null : new Position(((Number) row[4]).intValue(), (String) row[5]);
        long published = claimed && position == null ? 0 : ((Number) row[2]).longValue();
        Progress progress = new Progress(published, position, row[6] == null ? null : ((Number) row[6]).longValue(),
                toInstant(row[7]), toInstant(row[8]), toInstant(row[9]));
        return new Launch((String) row[1], (String) row[0], toInstant(row[3]), progress);
    }

    private static Instant toInstant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return local.atZone(java.time.ZoneId.systemDefault()).toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Unexpected time " + value);
    }
}
