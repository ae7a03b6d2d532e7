package dev.remotemedia.rtc.sctp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Timer;
import org.junit.jupiter.api.Test;

/**
 * rtc-sctp is a sans-I/O protocol core (DESIGN.md §2): no I/O, no threads, no clock, only rtc-common
 * and the JDK. {@code javax.crypto} is the JDK's HMAC, which signs the state cookie (RFC 9260
 * §5.1.3).
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.rtc.sctp", "dev.remotemedia.rtc.datachannel");

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
                   .orShould().dependOnClassesThat().areAssignableTo(Timer.class)
                   .check(CLASSES);
    }

    @Test
    void neverReadsTheClock() {
        noClasses().should().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .orShould().callMethod(Instant.class, "now")
                   .orShould().dependOnClassesThat().areAssignableTo(InstantSource.class)
                   .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                   .check(CLASSES);
    }

    @Test
    void dependsOnlyOnRtcCommonAndTheJdk() {
        noClasses().should().dependOnClassesThat()
                   .resideOutsideOfPackages("dev.remotemedia.rtc.common..", "dev.remotemedia.rtc.sctp..",
                                            "dev.remotemedia.rtc.datachannel..", "java..", "javax.crypto..")
                   .check(CLASSES);
    }
}
