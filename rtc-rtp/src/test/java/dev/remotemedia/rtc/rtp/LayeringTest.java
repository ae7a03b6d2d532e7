package dev.remotemedia.rtc.rtp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** rtc-rtp is a protocol core (DESIGN.md §2): pure computation, no I/O, no threads, no clock. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.rtc.rtp", "dev.remotemedia.rtc.rtcp");

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
    void neverReadsTheClock() {
        noClasses().should().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .orShould().dependOnClassesThat().resideInAnyPackage("java.time..")
                   .check(CLASSES);
    }

    @Test
    void dependsOnlyOnRtcCommonAndTheJdk() {
        noClasses().should().dependOnClassesThat()
                   .resideOutsideOfPackages("dev.remotemedia.rtc.rtp..", "dev.remotemedia.rtc.rtcp..",
                                            "dev.remotemedia.rtc.common..", "java..")
                   .check(CLASSES);
    }

    @Test
    void rtpDoesNotDependOnRtcp() {
        noClasses().that().resideInAPackage("dev.remotemedia.rtc.rtp..")
                   .should().dependOnClassesThat().resideInAPackage("dev.remotemedia.rtc.rtcp..")
                   .check(CLASSES);
    }

    @Test
    void importsTheModulesClasses() {
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().endsWith(".rtp"))).hasSizeGreaterThan(10);
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().endsWith(".rtcp"))).hasSizeGreaterThan(10);
    }
}
