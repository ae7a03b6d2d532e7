package dev.remotemedia.pipeline;

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
 * DESIGN.md §2: the pipeline depends on rtc-common, Jackson (YAML through SnakeYAML), protobuf and
 * SLF4J only. The graph core (data, node SPI, manifests, the graph) does no I/O and starts no
 * threads; threads live in the runtime, file I/O only in manifest loading and the Recorder node.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.remotemedia.pipeline");
    private static final String[] CORE = {
            "dev.remotemedia.pipeline.data..", "dev.remotemedia.pipeline.node..", "dev.remotemedia.pipeline.graph..",
            "dev.remotemedia.pipeline.manifest..", "dev.remotemedia.pipeline.dsp.."};
    private static final String[] IO = {"java.io..", "java.nio.file..", "java.nio.channels..", "java.net.."};

    @Test
    void dependsOnlyOnRtcCommonJacksonProtobufAndSlf4j() {
        noClasses().should().dependOnClassesThat()
                   .resideOutsideOfPackages("dev.remotemedia.pipeline..", "dev.remotemedia.rtc.common..", "java..",
                                            "com.fasterxml.jackson..", "org.yaml.snakeyaml..", "com.google.protobuf..",
                                            "org.slf4j..")
                   .check(CLASSES);
    }

    @Test
    void theGraphCoreDoesNoIoButLoadingManifestFiles() {
        noClasses().that().resideInAnyPackage(CORE)
                   .and().doNotHaveSimpleName("ManifestLoader").and().doNotHaveSimpleName("Manifests")
                   .should().dependOnClassesThat().resideInAnyPackage(IO)
                   .check(CLASSES);
    }

    @Test
    void onlyTheRecorderWritesFiles() {
        noClasses().that().resideInAnyPackage("dev.remotemedia.pipeline.nodes..", "dev.remotemedia.pipeline.runtime..")
                   .and().doNotHaveSimpleName("RecorderNode").and().doNotHaveSimpleName("WavWriter")
                   .should().dependOnClassesThat().resideInAnyPackage(IO)
                   .check(CLASSES);
    }

    @Test
    void theGraphCoreStartsNoThreads() {
        noClasses().that().resideInAnyPackage(CORE)
                   .should().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                   .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                   .orShould().dependOnClassesThat().areAssignableTo(Timer.class)
                   .check(CLASSES);
    }

    @Test
    void nothingReadsTheSystemClockDirectly() {
        // Time comes from an injected TimeSource, so tests can drive it.
        noClasses().should().callMethod(System.class, "nanoTime")
                   .orShould().callMethod(System.class, "currentTimeMillis")
                   .orShould().callMethod(Instant.class, "now")
                   .orShould().dependOnClassesThat().areAssignableTo(InstantSource.class)
                   .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                   .check(CLASSES);
    }
}
