package dev.remotemedia.rtc.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** rtc-common sits at the bottom of the stack: no I/O, no threads, no third-party code. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.rtc.common");

    @Test
    void doesNoIo() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("java.net..", "java.nio.channels..", "java.nio.file..", "java.io..")
                   .check(CLASSES);
    }

    @Test
    void startsNoThreads() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("java.util.concurrent..")
                   .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                   .check(CLASSES);
    }

    @Test
    void readsTheClockOnlyInSystemTimeSource() {
        noClasses().that().doNotHaveSimpleName("SystemTimeSource")
                   .should().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .check(CLASSES);
    }

    @Test
    void dependsOnNothingButTheJdk() {
        noClasses().should().dependOnClassesThat()
                   .resideOutsideOfPackages("dev.remotemedia.rtc.common..", "java..")
                   .check(CLASSES);
    }
}
