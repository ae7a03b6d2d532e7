package dev.remotemedia.pipeline.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository's manifests/ folder ships in the jar and every manifest in it is valid. */
class ManifestsTest {

    @Test
    void every_shipped_manifest_loads_by_name_and_is_valid() {
        final ManifestLoader loader = ManifestLoader.of(NodeRegistry.load());
        for (String name : Manifests.BUILT_IN) {
            final Manifest m = Manifests.builtIn(name);
            assertThat(m.name()).isEqualTo(name);
            assertThat(loader.validate(m)).isEmpty();
        }
        assertThat(Manifests.builtIn("loopback").nodes()).extracting(NodeSpec::nodeType)
                                                         .containsExactly("Input", "Output");
    }

    @Test
    void the_list_matches_the_folder() throws Exception {
        final Path folder = Path.of("..", "manifests");
        final List<String> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(
                Manifests.BUILT_IN.stream().map(n -> n + ".yaml").collect(Collectors.toList()));
    }

    @Test
    void an_unknown_name_lists_the_known_ones() {
        assertThatThrownBy(() -> Manifests.builtIn("../secret")).isInstanceOf(RemoteMediaException.class)
                .hasMessage("manifest: ../secret (expected one of: loopback, gain, text-upper, vad, video-loopback, grayscale)");
    }
}
