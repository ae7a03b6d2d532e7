package dev.remotemedia.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.server");

    @Test
    void productionCodeDoesNotUseTestUtilities() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("dev.remotemedia.testing..", "org.junit..", "com.microsoft.playwright..")
                   .check(CLASSES);
    }

    @Test
    void onlyMainExitsTheProcess() {
        noClasses().that().doNotHaveSimpleName("Main")
                   .should().callMethod(System.class, "exit", int.class)
                   .check(CLASSES);
    }
}
