package dev.magpie.devengines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
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

    private static final Log log = LogFactory.getLog(DevEngines.class);

    private static Map<String, Object> resolved;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = resolveOnce(environment);
        environment.getPropertySources().addFirst(new MapPropertySource("magpieDevEngines", properties));
    }

    private static synchronized Map<String, Object> resolveOnce(ConfigurableEnvironment environment) {
        if (resolved == null) {
            String schema = environment.getProperty(SCHEMA_PROPERTY, "magpie_test");
            Map<String, Object> properties = new LinkedHashMap<>();
            for (DevEngine engine : engines()) {
                long started = System.nanoTime();
                Map<String, Object> found = engine.resolve(environment, schema);
                properties.putAll(found);
                log.info("%s ready in %d ms%s".formatted(engine.name(), (System.nanoTime() - started) / 1_000_000,
                        found.isEmpty() ? " (configured)" : ""));
            }
            resolved = Map.copyOf(properties);
        }
        return resolved;
    }

    private static List<DevEngine> engines() {
        return List.of(new LocalMySql(), new LocalCassandra(), new LocalRabbit(), new LocalSmtp());
    }
}
