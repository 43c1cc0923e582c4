package dev.magpie;

import org.springframework.boot.SpringApplication;

import dev.magpie.devengines.DevEngines;

/**
 * Magpie for local development, {@code ./mvnw spring-boot:test-run}: every engine is configured, found running
 * locally, or started embedded; the database and keyspace are {@code magpie_dev} (kept between runs) and a demo
 * account is seeded. Served on http://localhost:8080.
 */
public class TestMagpieApplication {

    public static void main(String[] args) {
        // Override either with -Dspring-boot.run.jvmArguments="-Dmagpie.engines.schema=..."
        defaultProperty(DevEngines.SCHEMA_PROPERTY, "magpie_dev");
        defaultProperty("magpie.demo.enabled", "true");
        try {
            SpringApplication.from(MagpieApplication::main).run(args);
        }
        catch (RuntimeException failed) {
            // Spring Boot has reported why. The embedded engines' threads would keep this JVM alive: end it
            System.exit(1);
        }
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }
}
