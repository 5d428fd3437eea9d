package dev.wharf.srctest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module boundaries the product's design fixes: the engine depends on nothing of ours, host plugins
 * depend on the engine only (never on each other, the app or Spring), and a module's {@code internal}
 * packages are used by that module alone.
 */
class ArchitectureTest {

    static final String ENGINE = "dev.wharf.engine..";
    static final String PLATFORM = "dev.wharf.platform..";
    static final List<String> PLUGINS = List.of("dev.wharf.wasi.http..", "dev.wharf.wasi.keyvalue..",
            "dev.wharf.wasi.config..");
    static final List<String> MODULE_ROOTS = List.of("dev.wharf.engine", "dev.wharf.wasi.http",
            "dev.wharf.wasi.keyvalue", "dev.wharf.wasi.config", "dev.wharf.platform");

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wharf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.wharf.engine", "dev.wharf.wasi.http", "dev.wharf.wasi.keyvalue",
            "dev.wharf.wasi.config", "dev.wharf.platform"})
    void everyModuleIsOnTheClasspathSoTheRulesSeeIt(String root) {
        assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(root)))
                .as("classes of %s were imported", root)
                .isTrue();
    }

    @Test
    void engineDependsOnNoOtherModuleAndNoSpring() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.wasi..", PLATFORM, "org.springframework..")
                .because("the engine is a library any host can embed")
                .check(production);
    }

    @Test
    void hostPluginsDependOnTheEngineOnly() {
        for (String plugin : PLUGINS) {
            String[] forbidden = PLUGINS.stream().filter(p -> !p.equals(plugin))
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(plugin)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .orShould().dependOnClassesThat().resideInAnyPackage(PLATFORM, "org.springframework..")
                    .because("host plugins are independent capabilities linked only when imported");
            rule.check(production);
        }
    }

    @Test
    void internalPackagesStayInsideTheirModule() {
        for (String root : MODULE_ROOTS) {
            noClasses().that().resideOutsideOfPackage(root + "..")
                    .should().dependOnClassesThat().resideInAPackage(root + ".internal..")
                    .because(root + ".internal is an implementation detail of its module")
                    .check(production);
        }
    }
}
