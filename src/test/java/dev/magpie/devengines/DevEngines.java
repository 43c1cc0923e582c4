package dev.magpie.devengines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Finds or starts every engine before the application context is built, for the tests and for
 * {@code ./mvnw spring-boot:test-run}. Test-scoped: it never reaches the production jar.
 *
 * <p>Engines are resolved once per JVM and shared by every application context in it.
 */
public class DevEngines implements EnvironmentPostProcessor {

    /** Names the database, keyspace and vhost of this JVM; tests default to a fresh {@code magpie_test}. */
    public static final String SCHEMA_PROPERTY = "magpie.engines.schema";

    private static Map<String, Object> resolved;

    /** Logging is not set up yet while the environment is prepared: Boot replays these lines once it is. */
    private final Log log;

    public DevEngines(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(DevEngines.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = resolveOnce(environment);
        environment.getPropertySources().addFirst(new MapPropertySource("magpieDevEngines", properties));
    }

    private Map<String, Object> resolveOnce(ConfigurableEnvironment environment) {
        synchronized (DevEngines.class) {
            if (resolved == null) {
                resolved = resolve(environment);
            }
            return resolved;
        }
    }

    private Map<String, Object> resolve(ConfigurableEnvironment environment) {
        String schema = environment.getProperty(SCHEMA_PROPERTY, "magpie_test");
        Map<String, Object> properties = new LinkedHashMap<>();
        for (DevEngine engine : engines()) {
            long started = System.nanoTime();
            Map<String, Object> found = engine.resolve(environment, schema);
            properties.putAll(found);
            log.info("%s ready in %d ms%s".formatted(engine.name(), (System.nanoTime() - started) / 1_000_000,
                    found.isEmpty() ? " (configured)" : ""));
        }
        return Map.copyOf(properties);
    }

    private static List<DevEngine> engines() {
        return List.of(new LocalMySql(), new LocalCassandra(), new LocalRabbit(), new LocalSmtp());
    }
}
