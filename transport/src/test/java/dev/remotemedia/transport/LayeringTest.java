package dev.remotemedia.transport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §2: dependencies point down; the transport never reaches up to signaling or the server. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.transport");

    @Test
    void doesNotDependOnModulesAboveIt() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("dev.remotemedia.signaling..", "dev.remotemedia.server..",
                                       "dev.remotemedia.testing..", "picocli..", "com.linecorp.armeria..")
                   .check(CLASSES);
    }

    @Test
    void configurationNeverResolvesNames() {
        // Parsing a config must not block on DNS: only literals are turned into addresses.
        noClasses().should().callMethod(java.net.InetAddress.class, "getByName", String.class)
                   .orShould().callMethod(java.net.InetAddress.class, "getAllByName", String.class)
                   .orShould().callMethod(java.net.InetAddress.class, "getLocalHost")
                   .check(CLASSES);
    }
}
