package dev.remotemedia.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §2: signaling sits on the transport config and never reaches up to the server. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.signaling");

    @Test
    void doesNotDependOnModulesAboveIt() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("dev.remotemedia.server..", "dev.remotemedia.testing..", "org.junit..",
                                       "com.microsoft.playwright..", "picocli..")
                   .check(CLASSES);
    }

    @Test
    void theJsonRpcLayerKnowsNoTransportAndNoSignalingMethod() {
        // The dispatcher is transport-neutral: no WebSocket, no Armeria, no peer registry.
        noClasses().that().resideInAPackage("dev.remotemedia.signaling.jsonrpc..")
                   .should().dependOnClassesThat()
                   .resideInAnyPackage("com.linecorp.armeria..", "io.netty..", "dev.remotemedia.signaling.server..",
                                       "dev.remotemedia.signaling.client..")
                   .check(CLASSES);
    }

    @Test
    void serverAndClientAreIndependent() {
        noClasses().that().resideInAPackage("dev.remotemedia.signaling.server..")
                   .should().dependOnClassesThat().resideInAPackage("dev.remotemedia.signaling.client..")
                   .check(CLASSES);
        noClasses().that().resideInAPackage("dev.remotemedia.signaling.client..")
                   .should().dependOnClassesThat().resideInAPackage("dev.remotemedia.signaling.server..")
                   .check(CLASSES);
    }

    @Test
    void theSharedProtocolTypesUseNoTransport() {
        noClasses().that().resideInAPackage("dev.remotemedia.signaling")
                   .should().dependOnClassesThat().resideInAnyPackage("com.linecorp.armeria..", "io.netty..")
                   .check(CLASSES);
    }
}
