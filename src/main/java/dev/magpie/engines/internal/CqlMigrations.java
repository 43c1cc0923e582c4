package dev.magpie.engines.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/** Finds the CQL migrations on the classpath, where the build copies {@code db/cassandra/migrations}. */
final class CqlMigrations {

    static final String LOCATION = "classpath*:db/cassandra/*.cql";

    private CqlMigrations() {
    }

    /** The migrations at {@code location}, in version order; fails on a badly named file or a repeated version. */
    static List<CqlMigration> load(ResourcePatternResolver resolver, String location) {
        List<CqlMigration> migrations = new ArrayList<>();
        try {
            for (Resource resource : resolver.getResources(location)) {
                migrations.add(CqlMigration.of(resource.getFilename(),
                        resource.getContentAsString(StandardCharsets.UTF_8)));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the Cassandra migrations at " + location, ex);
        }
        migrations.sort(Comparator.comparingInt(CqlMigration::version));
        Map<Integer, String> scripts = new HashMap<>();
        for (CqlMigration migration : migrations) {
            String other = scripts.put(migration.version(), migration.script());
            if (other != null) {
                throw new IllegalStateException("Cassandra migrations %s and %s have the same version"
                    .formatted(other, migration.script()));
            }
        }
        return List.copyOf(migrations);
    }
}
