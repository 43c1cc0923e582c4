package dev.magpie.audiences.internal.segments;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.TenantTransactions;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Segments' sizes day by day ({@code segment_sizes}, {@code db/mysql/V8__segment_sizes.sql}): today's row of a
 * segment is upserted with its member count when a full evaluation completes and by the periodic snapshot, so a
 * day's row ends up holding the last size seen that day. Upserts are idempotent, so instances that snapshot at the
 * same time need no claim. Days are days of the account's time zone, as the segment's windows are.
 */
@Component
class SegmentSizeHistory {

    private static final Logger log = LoggerFactory.getLogger(SegmentSizeHistory.class);

    private final EntityManager entities;

    private final TenantTransactions transactions;

    private final AccountDirectory accounts;

    SegmentSizeHistory(EntityManager entities, TenantTransactions transactions, AccountDirectory accounts) {
        this.entities = entities;
        this.transactions = transactions;
        this.accounts = accounts;
    }

    /**
     * Records {@code size} as the segment's size today; nothing when the segment is gone, or is to be evaluated
     * again (edited while this evaluation ran). A failure is logged, not thrown: the history serves a chart, and the
     * next snapshot writes the row anyway.
     */
    void record(String accountId, String segmentId, long size, Instant now) {
        try {
            LocalDate day = LocalDate.ofInstant(now, zone(accountId));
            transactions.asRoot(() -> entities.createNativeQuery("""
                    INSERT INTO segment_sizes (segment_id, account_id, day, size, recorded_at)
                    SELECT id, account_id, :day, :size, :now FROM segments
                    WHERE id = :segment AND account_id = :account AND status = 'READY'
                    ON DUPLICATE KEY UPDATE size = VALUES(size), recorded_at = VALUES(recorded_at)""")
                .setParameter("segment", segmentId)
                .setParameter("account", accountId)
                .setParameter("day", Date.valueOf(day))
                .setParameter("size", size)
                .setParameter("now", now)
                .executeUpdate());
        }
        catch (RuntimeException failed) {
            log.warn("Could not record the size of segment {}; the next snapshot will", segmentId, failed);
        }
    }

    /**
     * Records every ready segment's member count as its size today, account by account (one statement each);
     * answers how many rows were written. A segment in the middle of a full evaluation has no settled size: its
     * completion records one.
     */
    int snapshot(Instant now) {
        List<?> accountIds = transactions.asRoot(() -> entities
            .createNativeQuery("SELECT DISTINCT account_id FROM segments WHERE status = 'READY'")
            .getResultList());
        int written = 0;
        for (Object accountId : accountIds) {
            LocalDate day = LocalDate.ofInstant(now, zone((String) accountId));
            written += transactions.asRoot(() -> entities.createNativeQuery("""
                    INSERT INTO segment_sizes (segment_id, account_id, day, size, recorded_at)
                    SELECT id, account_id, :day, member_count, :now FROM segments
                    WHERE account_id = :account AND status = 'READY'
                    ON DUPLICATE KEY UPDATE size = VALUES(size), recorded_at = VALUES(recorded_at)""")
                .setParameter("day", Date.valueOf(day))
                .setParameter("now", now)
                .setParameter("account", accountId)
                .executeUpdate());
        }
        return written;
    }

    /** The segment's recorded sizes from {@code from} on, oldest first. */
    List<DailySize> since(String accountId, String segmentId, LocalDate from) {
        List<?> rows = transactions.asRoot(() -> entities.createNativeQuery("""
                SELECT day, size FROM segment_sizes
                WHERE segment_id = :segment AND account_id = :account AND day >= :from ORDER BY day""")
            .setParameter("segment", segmentId)
            .setParameter("account", accountId)
            .setParameter("from", Date.valueOf(from))
            .getResultList());
        List<DailySize> sizes = new ArrayList<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            sizes.add(new DailySize(day(columns[0]), ((Number) columns[1]).longValue()));
        }
        return sizes;
    }

    /** The account's time zone, UTC when it has none. */
    ZoneId zone(String accountId) {
        return accounts.find(accountId).map(AccountView::timezone).flatMap(SegmentCatalog::zoneOf)
            .orElse(ZoneId.of("UTC"));
    }

    private static LocalDate day(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        throw new IllegalStateException("Unexpected day " + value);
    }

    /** A segment's size on one day. */
    record DailySize(LocalDate day, long size) {
    }
}
