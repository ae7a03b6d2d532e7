package dev.remotemedia.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The test utilities serve every module, so they depend on none above rtc-common. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.testing");

    @Test
    void dependsOnlyOnRtcCommonOfOurModules() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("dev.remotemedia.transport..", "dev.remotemedia.server..",
                                       "dev.remotemedia.signaling..", "dev.remotemedia.pipeline..")
                   .check(CLASSES);
    }

    @Test
    void sansIoUtilitiesNeverReadTheSystemClock() {
        noClasses().that().haveSimpleNameStartingWith("FakeTimeSource")
                   .or().haveSimpleNameStartingWith("InMemoryDatagramLink")
                   .should().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .orShould().callMethod(Thread.class, "sleep", long.class)
                   .check(CLASSES);
    }
}
