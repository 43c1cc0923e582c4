package dev.magpie.devengines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.SystemConfig;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

/**
 * RabbitMQ for the tests and the local run: the configured broker, else the one answering on
 * {@code 127.0.0.1:5672}, else an in-JVM Qpid Broker-J speaking AMQP 0-9-1 for the life of this JVM
 * ({@code -Dmagpie.engines.rabbit.embedded=true} skips the local broker).
 *
 * <p>Qpid is not RabbitMQ: it accepts RabbitMQ's queue arguments but ignores dead-letter exchanges, queue TTLs and
 * queue types. Tests that depend on them call {@link #assumeRealRabbitMq()}.
 */
public final class LocalRabbit implements DevEngine {

    /** The port a local RabbitMQ answers AMQP on. */
    static final int PORT = 5672;

    /** Set to {@code rabbitmq} or {@code qpid}: which broker this JVM found (absent when one is configured). */
    public static final String KIND_PROPERTY = "magpie.engines.rabbit.kind";

    /** Set to {@code true} to use the embedded Qpid even when a RabbitMQ runs locally. */
    public static final String EMBEDDED_PROPERTY = "magpie.engines.rabbit.embedded";

    private static final String USER = "guest";

    private static volatile String resolvedKind;

    private static SystemLauncher embedded;

    private static int embeddedPort;

    @Override
    public String name() {
        return "RabbitMQ";
    }

    @Override
    public Map<String, Object> resolve(ConfigurableEnvironment environment, String schema) {
        if (environment.containsProperty("spring.rabbitmq.host")
                || environment.containsProperty("spring.rabbitmq.addresses")) {
            return Map.of();
        }
        boolean local = !environment.getProperty(EMBEDDED_PROPERTY, Boolean.class, false) && LocalPorts.isOpen(PORT);
        Map<String, Object> properties = local ? connection(PORT, "rabbitmq") : connection(startEmbedded(), "qpid");
        resolvedKind = (String) properties.get(KIND_PROPERTY);
        return properties;
    }

    /**
     * Whether the application in this JVM talks to a real RabbitMQ rather than the embedded Qpid (a configured
     * broker counts as RabbitMQ).
     */
    public static boolean isRealRabbitMq() {
        String kind = resolvedKind;
        if (kind == null) {
            // No application context has started yet: predict what resolve() will find, without starting anything
            StandardEnvironment environment = new StandardEnvironment();
            return environment.containsProperty("spring.rabbitmq.host")
                    || environment.containsProperty("spring.rabbitmq.addresses")
                    || (!environment.getProperty(EMBEDDED_PROPERTY, Boolean.class, false) && LocalPorts.isOpen(PORT));
        }
        return !"qpid".equals(kind);
    }

    /** Skips the calling test when it runs against the embedded Qpid, which lacks RabbitMQ's extensions. */
    public static void assumeRealRabbitMq() {
        Assumptions.assumeTrue(isRealRabbitMq(), "Needs RabbitMQ (dead-letter exchanges, TTLs): the embedded Qpid "
                + "broker ignores them. Start RabbitMQ on 127.0.0.1:5672 or set spring.rabbitmq.host to run this test");
    }

    private static Map<String, Object> connection(int port, String kind) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", LocalPorts.LOOPBACK);
        properties.put("spring.rabbitmq.port", port);
        properties.put("spring.rabbitmq.username", USER);
        properties.put("spring.rabbitmq.password", USER);
        properties.put(KIND_PROPERTY, kind);
        if (kind.equals("qpid")) {
            // Qpid logs every connection and channel at INFO
            properties.put("logging.level.qpid.message", "WARN");
            properties.put("logging.level.org.apache.qpid", "WARN");
        }
        return properties;
    }

    /** Starts Qpid once per JVM and returns its AMQP port. */
    static synchronized int startEmbedded() {
        if (embedded == null) {
            quietLogging();
            int port = LocalPorts.free();
            try {
                Path work = Files.createTempDirectory("magpie-qpid-");
                work.toFile().deleteOnExit();
                Path config = Files.writeString(work.resolve("initial-config.json"), initialConfig(port));
                config.toFile().deleteOnExit();
                SystemLauncher launcher = new SystemLauncher();
                launcher.startup(Map.<String, Object>of(
                        SystemConfig.TYPE, "Memory",
                        SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString(),
                        SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                        SystemConfig.CONTEXT, Map.of(SystemConfig.QPID_WORK_DIR, work.toString())));
                Runtime.getRuntime().addShutdownHook(new Thread(launcher::shutdown, "qpid-shutdown"));
                embedded = launcher;
                embeddedPort = port;
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (Exception e) {
                throw new IllegalStateException("Qpid Broker-J could not start", e);
            }
        }
        return embeddedPort;
    }

    // A plain-text guest login on loopback (Qpid otherwise offers PLAIN only over TLS), one in-memory virtual host
    // answering to any name, and RabbitMQ-only queue arguments (x-dead-letter-exchange, x-queue-type) ignored
    // rather than refused.
    private static String initialConfig(int port) {
        return """
                {
                  "name": "magpie",
                  "modelVersion": "9.0",
                  "context": { "queue.behaviourOnUnknownDeclareArgument": "IGNORE" },
                  "authenticationproviders": [ {
                    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                    "users": [ { "name": "guest", "type": "managed", "password": "guest" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP", "port": "%d", "bindingAddress": "127.0.0.1",
                    "authenticationProvider": "plain", "protocols": [ "AMQP_0_9_1" ],
                    "virtualhostaliases": [ { "name": "nameAlias", "type": "nameAlias" },
                                            { "name": "defaultAlias", "type": "defaultAlias" } ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  } ]
                }
                """.formatted(port);
    }

    // Before Spring Boot sets up logging (or in a test without Spring), Logback logs everything at DEBUG
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            for (String name : List.of("org.apache.qpid", "qpid.message")) {
                logback.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
