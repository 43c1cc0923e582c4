package dev.magpie.campaigns.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.campaigns.CampaignLaunches;
import dev.magpie.tenancy.TenantTransactions;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

/**
 * The launch columns of the {@code campaigns} table (db/mysql/V13__campaign_launch.sql). Native SQL through
 * Hibernate as the imports module's ledger does, run as root because the claim looks at every account's campaigns;
 * every change after the claim names the instance holding it and expects the campaign to be sending, so an instance
 * that lost its lease, or whose campaign was cancelled, changes nothing and learns that it must stop.
 */
@Component
class CampaignLaunchLedger implements CampaignLaunches {

    private final EntityManager entities;

    private final TenantTransactions transactions;

    CampaignLaunchLedger(EntityManager entities, TenantTransactions transactions) {
        this.entities = entities;
        this.transactions = transactions;
    }

    @Override
    public Optional<Launch> claimDue(String owner, Instant now, Duration lease) {
        return transactions.asRoot(() -> {
            List<?> rows = entities.createNativeQuery("""
                    SELECT id, account_id, published_count FROM campaigns
                    WHERE (status = 'SCHEDULED' AND send_time <= :now)
                       OR (status = 'SENDING' AND published_at IS NULL AND launch_lease_until < :now)
                    ORDER BY send_time, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("now", now)
                .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = (Object[]) rows.get(0);
            String id = (String) row[0];
            entities.createNativeQuery("""
                    UPDATE campaigns SET status = 'SENDING', launch_owner = :owner, launch_lease_until = :lease,
                        updated_at = :now
                    WHERE id = :id""")
                .setParameter("owner", owner)
                .setParameter("lease", now.plus(lease))
                .setParameter("now", now)
                .setParameter("id", id)
                .executeUpdate();
            return Optional.of(new Launch((String) row[1], id, ((Number) row[2]).longValue()));
        });
    }

    @Override
    public boolean recordProgress(Launch launch, String owner, long published, Instant leaseUntil) {
        return transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE campaigns SET published_count = :published, launch_lease_until = :lease
                WHERE id = :id AND account_id = :account AND launch_owner = :owner AND status = 'SENDING'
                    AND published_at IS NULL""")
            .setParameter("published", published)
            .setParameter("lease", leaseUntil)
            .setParameter("id", launch.campaignId())
            .setParameter("account", launch.accountId())
            .setParameter("owner", owner)
            .executeUpdate() == 1);
    }

    @Override
    public boolean finishPublishing(Launch launch, String owner, long published, Instant now) {
        return transactions.asRoot(() -> entities.createNativeQuery("""
                UPDATE campaigns SET published_count = :published, published_at = :now, launch_owner = NULL,
                    launch_lease_until = NULL
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
            List<?> rows = entities.createNativeQuery("""
                    SELECT id, account_id, published_count FROM campaigns
                    WHERE status = 'SENDING' AND published_at IS NOT NULL ORDER BY published_at LIMIT 100""")
                .getResultList();
            List<Launch> launches = new ArrayList<>();
            for (Object found : rows) {
                Object[] row = (Object[]) found;
                launches.add(new Launch((String) row[1], (String) row[0], ((Number) row[2]).longValue()));
            }
            return launches;
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
}
