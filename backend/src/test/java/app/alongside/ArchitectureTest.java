package app.alongside;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the house, read from the compiled main classes: no two packages import each other (directly or
 * round a loop), the kernel imports nothing of ours, the platform's core only the kernel, and the platform nothing
 * of the domains.
 */
class ArchitectureTest {
    private static final String[] DOMAINS = {"app.alongside.audit..", "app.alongside.identity..",
            "app.alongside.messaging..", "app.alongside.opportunities..", "app.alongside.organisations..",
            "app.alongside.push..", "app.alongside.records.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("app.alongside");
    }

    @Test
    void noPackageCycles() {
        // Every package its own slice, subpackages included, so a loop between platform.x and platform.y counts.
        slices().matching("app.alongside.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theKernelImportsNothingOfOurs() {
        noClasses().that().resideInAPackage("app.alongside.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "app.alongside", "app.alongside.platform..", "app.alongside.embedded..")
                .orShould().dependOnClassesThat().resideInAnyPackage(DOMAINS)
                .check(classes);
    }

    @Test
    void thePlatformsCoreStandsOnTheKernelAlone() {
        noClasses().that().resideInAPackage("app.alongside.platform.core..")
                .should().dependOnClassesThat().resideInAnyPackage("app.alongside", "app.alongside.platform",
                        "app.alongside.platform.config..", "app.alongside.platform.store..",
                        "app.alongside.platform.graphql..", "app.alongside.platform.http..",
                        "app.alongside.platform.observe..", "app.alongside.embedded..")
                .check(classes);
    }

    @Test
    void thePlatformKnowsNoDomain() {
        noClasses().that().resideInAnyPackage("app.alongside.platform..", "app.alongside.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage(DOMAINS)
                .check(classes);
    }
}
