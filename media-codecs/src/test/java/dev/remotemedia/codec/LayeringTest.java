package dev.remotemedia.codec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg is optional: only the libopus classes may touch it, so that the rest loads without it; and
 * the codecs sit below the stack, depending on none of its modules but rtc-common.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.codec");

    @Test
    void onlyTheLibopusAndVideoCodecClassesTouchFfmpeg() {
        // LibopusSupport and LibavVideoSupport, which decide whether they may be used, name FFmpeg only
        // as a string.
        noClasses().that().haveNameNotMatching(
                           ".*\\.internal\\.(LibopusOpus(En|De)coder|Libav|LibavVideo(En|De)coder|LibavVideo"
                           + "|SwscaleFrameConverter)(\\$.*)?")
                   .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco..")
                   .check(CLASSES);
    }

    @Test
    void thePublicApiDoesNotDependOnFfmpegOrConcentus() {
        noClasses().that().resideInAnyPackage("dev.remotemedia.codec", "dev.remotemedia.codec.video")
                   .should().dependOnClassesThat()
                   .resideInAnyPackage("org.bytedeco..", "io.github.jaredmdobson..")
                   .check(CLASSES);
    }

    @Test
    void dependsOnNoModuleAboveRtcCommon() {
        noClasses().should().dependOnClassesThat()
                   .resideInAnyPackage("dev.remotemedia.rtc.pc..", "dev.remotemedia.rtc.transport..",
                                       "dev.remotemedia.transport..", "dev.remotemedia.pipeline..",
                                       "dev.remotemedia.server..", "dev.remotemedia.signaling..")
                   .check(CLASSES);
    }
}
