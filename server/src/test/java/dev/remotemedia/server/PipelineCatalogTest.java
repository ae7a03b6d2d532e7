package dev.remotemedia.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCatalogTest {
    private static final String LOWER = """
            version: v1
            metadata: { name: lower, description: Text comes back in lower case. }
            nodes:
              - { id: input,  node_type: Input }
              - { id: lower,  node_type: TextTransform, params: { mode: lower } }
              - { id: output, node_type: Output }
            connections:
              - { from: input, to: lower }
              - { from: lower, to: output }
            """;
    private static final String ECHO_JSON = """
            {"version": "v1", "metadata": {"name": "echo"},
             "nodes": [{"id": "input", "node_type": "Input"}, {"id": "output", "node_type": "Output"}],
             "connections": [{"from": "input", "to": "output"}]}
            """;

    @Test
    void withoutManifestsTheBuiltInsAreServedAndLoopbackIsTheDefault() {
        final PipelineCatalog catalog = PipelineCatalog.load(WebRtcTransportConfig.defaults());
        assertThat(catalog.entries()).containsOnlyKeys("gain", "grayscale", "loopback", "text-upper", "vad", "video-loopback");
        assertThat(catalog.defaultName()).isEqualTo("loopback");
        assertThat(catalog.get("text-upper").description()).isEqualTo("Text comes back in upper case.");
        assertThat(catalog.get("vad").source()).isEqualTo("built-in");
    }

    @Test
    void aFolderAddsEveryManifestByFileNameAndReplacesBuiltInsOfTheSameName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lower.yaml"), LOWER);
        Files.writeString(dir.resolve("echo.json"), ECHO_JSON);
        Files.writeString(dir.resolve("gain.yml"), LOWER);
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Files.createDirectory(dir.resolve("sub.yaml"));
        final PipelineCatalog catalog = PipelineCatalog.load(WebRtcTransportConfig.builder().manifestsDir(dir).build());
        assertThat(catalog.entries()).containsOnlyKeys("echo", "gain", "grayscale", "lower", "loopback", "text-upper", "vad",
                                                      "video-loopback");
        assertThat(catalog.get("gain").source()).isEqualTo(dir.resolve("gain.yml").toString());
        assertThat(catalog.get("gain").description()).isEqualTo("Text comes back in lower case.");
        assertThat(catalog.defaultName()).isEqualTo("loopback");
    }

    @Test
    void theManifestFileIsTheDefaultUnderItsFileName(@TempDir Path dir) throws Exception {
        final Path file = Files.writeString(dir.resolve("lower.yaml"), LOWER);
        final PipelineCatalog catalog = PipelineCatalog.load(WebRtcTransportConfig.builder().pipelineManifest(file).build());
        assertThat(catalog.defaultName()).isEqualTo("lower");
        assertThat(catalog.entries()).containsKeys("lower", "loopback", "text-upper");
    }

    @Test
    void everyBadManifestIsReportedWithItsFileAndProblems(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), LOWER.replace("TextTransform", "NoSuchNode"));
        Files.writeString(dir.resolve("twice.yaml"), LOWER);
        Files.writeString(dir.resolve("twice.json"), ECHO_JSON);
        final Path main = Files.writeString(dir.resolve("main.yaml"), "version: v1\nnodes: [");
        final WebRtcTransportConfig config = WebRtcTransportConfig.builder().manifestsDir(dir).pipelineManifest(main)
                                                                  .build();
        assertThatThrownBy(() -> PipelineCatalog.load(config))
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("WEBRTC_MANIFESTS_DIR (--manifests-dir): invalid manifest "
                                      + dir.resolve("broken.yaml"))
                .hasMessageContaining("NoSuchNode")
                .hasMessageContaining("both name pipeline 'twice'")
                .hasMessageContaining("WEBRTC_PIPELINE_MANIFEST (--manifest): invalid manifest " + main);
    }

    @Test
    void fileNamesBecomePipelineNames() {
        assertThat(PipelineCatalog.nameOf(Path.of("/m/text-upper.yaml"))).isEqualTo("text-upper");
        assertThat(PipelineCatalog.nameOf(Path.of("My.Pipeline.JSON"))).isEqualTo("My.Pipeline");
        assertThat(PipelineCatalog.nameOf(Path.of("x.yml"))).isEqualTo("x");
    }
}
