package dev.magpie.engines.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migrator against a real Cassandra node, in a keyspace of its own that each test starts empty. */
class CqlMigratorTests {

    private static final String KEYSPACE = TestCassandra.keyspace("migrator");

    // Not idempotent on purpose: running any of them twice fails
    private static final CqlMigration CREATE_PROFILES = CqlMigration.of("V001__create_profiles.cql", """
            -- The first table
            CREATE TABLE profiles (tenant_id text, profile_id text, email text,
                PRIMARY KEY ((tenant_id), profile_id));
            """);

    private static final CqlMigration ADD_PHONE = CqlMigration.of("V002__add_phone.cql", """
            ALTER TABLE profiles ADD phone text;
            INSERT INTO profiles (tenant_id, profile_id, phone) VALUES ('t1', 'p1', '+15550100');
            """);

    private static final CqlMigration CREATE_EVENTS = CqlMigration.of("V010__create_events.cql",
            "CREATE TABLE events (tenant_id text, event_id timeuuid, PRIMARY KEY ((tenant_id), event_id));");

    private CqlSession session;

    @BeforeEach
    void emptyKeyspace() {
        TestCassandra.recreate(KEYSPACE);
        this.session = TestCassandra.session(KEYSPACE);
    }

    @AfterEach
    void closeSession() {
        this.session.close();
    }

    @Test
    void appliesMigrationsInVersionOrderAndRecordsEach() {
        Instant before = Instant.now().minusSeconds(5);

        List<CqlMigration> applied = migrator().migrate(List.of(CREATE_EVENTS, ADD_PHONE, CREATE_PROFILES));

        assertThat(applied).extracting(CqlMigration::version).containsExactly(1, 2, 10);
        assertThat(this.session.execute("SELECT phone FROM profiles WHERE tenant_id = 't1'").one().getString("phone"))
            .isEqualTo("+15550100");
        assertThat(this.session.getMetadata().getKeyspace(KEYSPACE).orElseThrow().getTable("events")).isPresent();
        List<Row> history = history();
        assertThat(history).extracting((row) -> row.getInt("version")).containsExactlyInAnyOrder(1, 2, 10);
        assertThat(history).allSatisfy((row) -> {
            CqlMigration migration = List.of(CREATE_PROFILES, ADD_PHONE, CREATE_EVENTS)
                .stream()
                .filter((candidate) -> candidate.version() == row.getInt("version"))
                .findFirst()
                .orElseThrow();
            assertThat(row.getString("script")).isEqualTo(migration.script());
            assertThat(row.getString("checksum")).isEqualTo(migration.checksum()).hasSize(64);
            assertThat(row.getInstant("applied_at")).isAfter(before).isBefore(Instant.now().plusSeconds(5));
        });
        assertThat(history).filteredOn((row) -> row.getInt("version") == 2)
            .singleElement()
            .satisfies((row) -> assertThat(row.getString("description")).isEqualTo("add phone"));
    }

    @Test
    void runningAgainChangesNothing() {
        migrator().migrate(List.of(CREATE_PROFILES, ADD_PHONE));
        List<Instant> appliedAt = history().stream().map((row) -> row.getInstant("applied_at")).toList();

        List<CqlMigration> applied = migrator().migrate(List.of(CREATE_PROFILES, ADD_PHONE));

        assertThat(applied).isEmpty();
        assertThat(history().stream().map((row) -> row.getInstant("applied_at")).toList()).isEqualTo(appliedAt);
    }

    @Test
    void appliesOnlyTheMigrationsAddedSinceTheLastRun() {
        migrator().migrate(List.of(CREATE_PROFILES));

        List<CqlMigration> applied = migrator().migrate(List.of(CREATE_PROFILES, ADD_PHONE, CREATE_EVENTS));

        assertThat(applied).extracting(CqlMigration::version).containsExactly(2, 10);
        assertThat(history()).hasSize(3);
    }

    @Test
    void refusesToStartWhenAnAppliedMigrationWasEdited() {
        migrator().migrate(List.of(CREATE_PROFILES, ADD_PHONE));
        CqlMigration edited = CqlMigration.of(ADD_PHONE.script(), ADD_PHONE.cql().replace("phone text", "mobile text"));

        assertThatIllegalStateException().isThrownBy(() -> migrator().migrate(List.of(CREATE_PROFILES, edited)))
            .withMessageContaining("V002__add_phone.cql was changed after it was applied")
            .withMessageContaining(ADD_PHONE.checksum())
            .withMessageContaining(edited.checksum());
        assertThat(this.session.getMetadata().getKeyspace(KEYSPACE).orElseThrow().getTable("profiles").orElseThrow()
            .getColumn("mobile")).isEmpty();
    }

    @Test
    void aLineEndingChangeIsNotAnEdit() {
        migrator().migrate(List.of(CREATE_PROFILES));
        CqlMigration windows = CqlMigration.of(CREATE_PROFILES.script(), CREATE_PROFILES.cql().replace("\n", "\r\n"));

        assertThat(migrator().migrate(List.of(windows))).isEmpty();
    }

    @Test
    void aFailedMigrationIsNotRecordedAndStopsTheRest() {
        CqlMigration broken = CqlMigration.of("V002__broken.cql", "ALTER TABLE no_such_table ADD x text;");

        assertThatThrownBy(() -> migrator().migrate(List.of(CREATE_PROFILES, broken, CREATE_EVENTS)))
            .hasMessageContaining("no_such_table");

        assertThat(history()).extracting((row) -> row.getInt("version")).containsExactly(1);
        assertThat(this.session.getMetadata().getKeyspace(KEYSPACE).orElseThrow().getTable("events")).isEmpty();
        // The lock went with the failure: the fixed migration applies at once
        assertThat(migrator().migrate(List.of(CREATE_PROFILES, ADD_PHONE))).extracting(CqlMigration::version)
            .containsExactly(2);
    }

    @Test
    void instancesStartingAtOnceApplyEachMigrationOnce() throws Exception {
        List<CqlMigration> migrations = List.of(CREATE_PROFILES, ADD_PHONE, CREATE_EVENTS);
        int instances = 3;
        CyclicBarrier start = new CyclicBarrier(instances);
        List<CompletableFuture<List<CqlMigration>>> runs = new ArrayList<>();
        List<CqlSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                CqlSession instanceSession = TestCassandra.session(KEYSPACE);
                sessions.add(instanceSession);
                runs.add(CompletableFuture.supplyAsync(() -> {
                    CqlMigrator migrator = new CqlMigrator(instanceSession, Duration.ofMinutes(1));
                    await(start);
                    return migrator.migrate(migrations);
                }));
            }
            List<Integer> applied = new ArrayList<>();
            for (CompletableFuture<List<CqlMigration>> run : runs) {
                run.get().forEach((migration) -> applied.add(migration.version()));
            }

            assertThat(applied).containsExactlyInAnyOrder(1, 2, 10);
            assertThat(history()).hasSize(3);
        }
        finally {
            sessions.forEach(CqlSession::close);
        }
    }

    private CqlMigrator migrator() {
        return new CqlMigrator(this.session, Duration.ofSeconds(30));
    }

    private List<Row> history() {
        return this.session.execute("SELECT * FROM " + CqlMigrator.HISTORY_TABLE).all();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
