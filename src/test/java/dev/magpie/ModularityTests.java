package dev.magpie;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the modules honest, and draws them for docs/architecture.md. */
class ModularityTests {

    /** Production code only, whatever the build directory is called (ArchUnit's own option expects target/). */
    private static final ImportOption PRODUCTION_CODE = location -> !location.contains("/test-classes/");

    private final ApplicationModules modules = ApplicationModules.of(MagpieApplication.class, PRODUCTION_CODE);

    @Test
    void modulesOnlyUseEachOthersPublicApi() {
        modules.verify();
    }

    @Test
    void theFoundationsModulesExist() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString()))
            .contains("tenancy", "web", "admin", "engines");
    }

    @Test
    void writesModuleDiagramsIntoDocs() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();
    }
}
