package dev.magpie.engines.internal;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CqlMigrationsTests {

    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    @Test
    void loadsMigrationsInNumericVersionOrder() {
        assertThat(CqlMigrations.load(this.resolver, "classpath*:dev/magpie/engines/internal/migrations/*.cql"))
            .extracting(CqlMigration::version, CqlMigration::description)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "first"),
                    org.assertj.core.groups.Tuple.tuple(2, "second"),
                    org.assertj.core.groups.Tuple.tuple(10, "tenth comes last"));
    }

    @Test
    void refusesAScriptThatIsNotNamedLikeAMigration() {
        assertThatIllegalStateException()
            .isThrownBy(() -> CqlMigrations.load(this.resolver, "classpath*:dev/magpie/engines/internal/misnamed/*.cql"))
            .withMessageContaining("V3_one_underscore.cql is not named V<version>__<description>.cql");
    }

    @Test
    void theApplicationsOwnMigrationsAreWellFormed() {
        assertThat(CqlMigrations.load(this.resolver, CqlMigrations.LOCATION))
            .allSatisfy((migration) -> assertThat(migration.statements()).isNotEmpty());
    }
}
