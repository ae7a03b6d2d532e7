package dev.remotemedia.pipeline.dsp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The DSP algorithms are pure: no I/O, no threads, no clock, nothing but the JDK. */
class DspLayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.pipeline.dsp");

    @Test
    void doesNoIo() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("java.net..", "java.nio..", "java.io..")
                   .check(CLASSES);
    }

    @Test
    void startsNoThreadsAndTakesNoLocks() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("java.util.concurrent..")
                   .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                   .check(CLASSES);
    }

    @Test
    void neverReadsTheClock() {
        noClasses().should().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .orShould().dependOnClassesThat().resideInAnyPackage("java.time..")
                   .check(CLASSES);
    }

    @Test
    void dependsOnNothingButTheJdk() {
        noClasses().should().dependOnClassesThat()
                   .resideOutsideOfPackages("dev.remotemedia.pipeline.dsp..", "java..")
                   .check(CLASSES);
    }
}
