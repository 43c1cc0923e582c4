package dev.magpie.engines.internal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Applies the CQL migrations a keyspace has not seen yet, in version order, and records each one in the
 * keyspace's {@code schema_version} table with its checksum and when it was applied.
 *
 * <p>Several instances of Magpie may start at once: the one that wins a lightweight-transaction lock row applies
 * the pending migrations while the others wait for it, then find nothing left to do. The lock expires by itself if
 * its holder dies. A migration already applied must not change: its checksum is compared on every start and a
 * difference stops the application, since the new text would never run.
 *
 * <p>Cassandra has no transactional DDL. When a statement fails, the statements before it in the same script stay
 * applied and the script is not recorded, so it runs again from the top next time: write migrations with
 * {@code IF NOT EXISTS} / {@code IF EXISTS} so that they can.
 */
final class CqlMigrator {

    static final Duration DDL_TIMEOUT = Duration.ofMinutes(1);

    static final String HISTORY_TABLE = "schema_version";

    static final String LOCK_TABLE = "schema_version_lock";

    private static final Log log = LogFactory.getLog(CqlMigrator.class);

    private static final String LOCK_NAME = "migrations";

    private static final Duration LOCK_LEASE = Duration.ofMinutes(2);

    private static final Duration LOCK_POLL = Duration.ofMillis(250);

    private final CqlSession session;

    private final CqlIdentifier keyspace;

    private final Duration lockTimeout;

    private final String owner;

    /**
     * @param session a session bound to the keyspace to migrate
     * @param lockTimeout how long to wait for another instance that is migrating the same keyspace
     */
    CqlMigrator(CqlSession session, Duration lockTimeout) {
        this.session = session;
        this.keyspace = session.getKeyspace()
            .orElseThrow(() -> new IllegalArgumentException("The migrator needs a session bound to a keyspace"));
        this.lockTimeout = lockTimeout;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    /** Applies the migrations the keyspace lacks and returns them, or none when it is up to date. */
    List<CqlMigration> migrate(List<CqlMigration> migrations) {
        migrations = migrations.stream().sorted(Comparator.comparingInt(CqlMigration::version)).toList();
        createHistoryTables();
        if (pending(migrations).isEmpty()) {
            return List.of();
        }
        acquireLock();
        try {
            // Whoever held the lock before may have applied some or all of them
            List<CqlMigration> pending = pending(migrations);
            for (CqlMigration migration : pending) {
                apply(migration);
                renewLock();
            }
            return pending;
        }
        finally {
            releaseLock();
        }
    }

    private List<CqlMigration> pending(List<CqlMigration> migrations) {
        Map<Integer, Row> applied = new HashMap<>();
        for (Row row : this.session.execute("SELECT version, script, checksum FROM " + HISTORY_TABLE)) {
            applied.put(row.getInt("version"), row);
        }
        List<CqlMigration> pending = new ArrayList<>();
        for (CqlMigration migration : migrations) {
            Row row = applied.remove(migration.version());
            if (row == null) {
                pending.add(migration);
            }
            else if (!migration.checksum().equals(row.getString("checksum"))) {
                throw new IllegalStateException(("Cassandra migration %s was changed after it was applied to keyspace"
                        + " %s (recorded checksum %s, now %s). An applied migration must not change: restore it and"
                        + " put the change in a new migration.").formatted(migration.script(), this.keyspace.asInternal(),
                                row.getString("checksum"), migration.checksum()));
            }
        }
        // A newer version of Magpie may be rolling out beside this one: its migrations are not ours to judge
        applied.values()
            .forEach((row) -> log.warn("Keyspace %s has Cassandra migration %s, which this version does not know"
                .formatted(this.keyspace.asInternal(), row.getString("script"))));
        return pending;
    }

    private void apply(CqlMigration migration) {
        long started = System.nanoTime();
        List<String> statements = migration.statements();
        for (int i = 0; i < statements.size(); i++) {
            try {
                execute(statements.get(i));
            }
            catch (RuntimeException ex) {
                throw new IllegalStateException("Cassandra migration %s failed at statement %d of %d, %s: %s"
                    .formatted(migration.script(), i + 1, statements.size(), statements.get(i), ex.getMessage()), ex);
            }
        }
        int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
        this.session.execute(SimpleStatement.newInstance("INSERT INTO " + HISTORY_TABLE
                + " (version, description, script, checksum, applied_at, applied_by, execution_ms)"
                + " VALUES (?, ?, ?, ?, toTimestamp(now()), ?, ?)", migration.version(), migration.description(),
                migration.script(), migration.checksum(), this.owner, millis));
        log.info("Applied Cassandra migration %s to keyspace %s in %d ms".formatted(migration.script(),
                this.keyspace.asInternal(), millis));
    }

    // Fixed table ids: two instances creating the bookkeeping tables at once, through different coordinators, then
    // create the same table instead of two that disagree
    private void createHistoryTables() {
        if (this.session.getMetadata()
            .getKeyspace(this.keyspace)
            .flatMap((keyspace) -> keyspace.getTable(LOCK_TABLE))
            .isPresent()) {
            return;
        }
        execute("""
                CREATE TABLE IF NOT EXISTS %s (
                    version int PRIMARY KEY,
                    description text,
                    script text,
                    checksum text,
                    applied_at timestamp,
                    applied_by text,
                    execution_ms int)
                WITH ID = %s AND comment = 'CQL migrations applied to this keyspace'"""
            .formatted(HISTORY_TABLE, tableId(HISTORY_TABLE)));
        execute("""
                CREATE TABLE IF NOT EXISTS %s (
                    name text PRIMARY KEY,
                    owner text,
                    acquired_at timestamp)
                WITH ID = %s AND comment = 'Who is applying CQL migrations to this keyspace'"""
            .formatted(LOCK_TABLE, tableId(LOCK_TABLE)));
    }

    private UUID tableId(String table) {
        return UUID.nameUUIDFromBytes((this.keyspace.asInternal() + "." + table).getBytes(StandardCharsets.UTF_8));
    }

    private void execute(String statement) {
        ResultSet result = this.session.execute(SimpleStatement.newInstance(statement).setTimeout(DDL_TIMEOUT));
        if (!result.getExecutionInfo().isSchemaInAgreement()) {
            awaitSchemaAgreement();
        }
    }

    // The next statement may reach a node that has not seen this one's schema change yet
    private void awaitSchemaAgreement() {
        long deadline = System.nanoTime() + DDL_TIMEOUT.toNanos();
        while (!this.session.checkSchemaAgreement()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Cassandra nodes did not agree on the schema of keyspace "
                        + this.keyspace.asInternal() + " within " + DDL_TIMEOUT);
            }
            sleep(LOCK_POLL);
        }
    }

    // SERIAL rather than LOCAL_SERIAL: instances in different datacenters must not both win
    private void acquireLock() {
        long deadline = System.nanoTime() + this.lockTimeout.toNanos();
        boolean waiting = false;
        while (true) {
            ResultSet result = this.session.execute(SimpleStatement.newInstance("INSERT INTO " + LOCK_TABLE
                    + " (name, owner, acquired_at) VALUES (?, ?, toTimestamp(now())) IF NOT EXISTS USING TTL ?",
                    LOCK_NAME, this.owner, (int) LOCK_LEASE.toSeconds())
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL));
            if (result.wasApplied()) {
                return;
            }
            if (!waiting) {
                log.info("Waiting for %s, which is migrating Cassandra keyspace %s"
                    .formatted(result.one().getString("owner"), this.keyspace.asInternal()));
                waiting = true;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(("Gave up waiting %s for the migration lock of Cassandra keyspace %s;"
                        + " a crashed holder's lock expires within %s").formatted(this.lockTimeout,
                                this.keyspace.asInternal(), LOCK_LEASE));
            }
            sleep(LOCK_POLL);
        }
    }

    private void renewLock() {
        ResultSet result = this.session.execute(SimpleStatement.newInstance("UPDATE " + LOCK_TABLE
                + " USING TTL ? SET owner = ? WHERE name = ? IF owner = ?", (int) LOCK_LEASE.toSeconds(), this.owner,
                LOCK_NAME, this.owner)
            .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL));
        if (!result.wasApplied()) {
            throw new IllegalStateException("Lost the migration lock of Cassandra keyspace " + this.keyspace.asInternal()
                    + ": a migration took longer than " + LOCK_LEASE);
        }
    }

    // Must not hide why the migration failed; an unreleased lock expires with its lease
    private void releaseLock() {
        try {
            this.session.execute(SimpleStatement
                .newInstance("DELETE FROM " + LOCK_TABLE + " WHERE name = ? IF owner = ?", LOCK_NAME, this.owner)
                .setSerialConsistencyLevel(DefaultConsistencyLevel.SERIAL));
        }
        catch (RuntimeException ex) {
            log.warn("Could not release the migration lock of Cassandra keyspace %s; it expires within %s"
                .formatted(this.keyspace.asInternal(), LOCK_LEASE), ex);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while migrating Cassandra", ex);
        }
    }
}
