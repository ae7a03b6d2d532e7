package dev.remotemedia.pipeline.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests are hostile input (DESIGN.md §8): syntax errors say where, sizes and expansions are bounded. */
class ManifestSyntaxTest {
    private static final ManifestLoader LOADER = ManifestValidationTest.LOADER;

    @Test
    void yaml_syntax_error_names_line_and_column() {
        final ManifestCheck check = LOADER.check("version: v1\nnodes:\n  - { id: input, node_type: Input\n"
                                                 + "connections: []\n");
        assertThat(check.problems()).hasSize(1);
        assertThat(check.problems().get(0).location()).isEqualTo("line 4, column 12");
        assertThat(check.problems().get(0).message()).startsWith("syntax error: ");
    }

    @Test
    void json_syntax_error_names_line_and_column() {
        final ManifestCheck check = LOADER.check("{\n  \"version\": \"v1\",\n  \"nodes\": [,]\n}");
        assertThat(check.problems()).hasSize(1);
        assertThat(check.problems().get(0).toString())
                .startsWith("line 3, column 13: syntax error: Unexpected character (',' (code 44))");
    }

    @Test
    void duplicate_keys_are_refused_in_json_and_yaml() {
        assertThat(LOADER.check("{\"version\": \"v1\", \"version\": \"v1\"}").problems().get(0).toString())
                .isEqualTo("line 1, column 28: syntax error: Duplicate field 'version'");
        assertThat(LOADER.check("version: v1\nversion: v1\n").problems().get(0).toString())
                .startsWith("line 2, column ").contains("syntax error: Duplicate field 'version'");
    }

    @Test
    void trailing_json_is_refused() {
        assertThat(LOADER.check("{\"version\": \"v1\"} {}").problems().get(0).message())
                .startsWith("syntax error: Trailing token");
    }

    @Test
    void oversized_text_is_refused_before_parsing() {
        final String big = "version: v1\n#" + "x".repeat(ManifestLoader.MAX_CHARS) + '\n';
        assertThat(LOADER.check(big).problems()).extracting(ManifestProblem::toString).containsExactly(
                "manifest: " + big.length() + " characters (expected: at most 1048576)");
    }

    @Test
    void yaml_aliases_are_not_expanded_so_alias_bombs_cannot_explode() {
        final StringBuilder yaml = new StringBuilder("version: v1\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            final String p = "*" + (char) (c - 1);
            yaml.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(10, p)))
                .append("]\n");
        }
        yaml.append("nodes: *k\n");
        final ManifestCheck check = LOADER.check(yaml.toString());
        // 10^10 nodes if expanded; the alias reads as its name instead.
        assertThat(check.problems()).hasSize(12);
        assertThat(check.problems().get(11).toString()).isEqualTo("nodes: \"k\" (expected: a list of nodes)");
    }

    @Test
    void deep_nesting_is_refused() {
        final String deep = "version: v1\nnodes: " + "[".repeat(100) + "]".repeat(100) + '\n';
        final ManifestCheck check = LOADER.check(deep);
        assertThat(check.problems()).hasSize(1);
        assertThat(check.problems().get(0).message()).startsWith("syntax error: ");
    }

    @Test
    void files_are_read_with_a_bound_and_name_the_file(@TempDir Path dir) throws Exception {
        final Path file = dir.resolve("m.yaml");
        Files.writeString(file, "version: v1\nnodes: []\n");
        assertThatThrownBy(() -> LOADER.load(file)).isInstanceOf(RemoteMediaException.class)
                                                   .hasMessageStartingWith("invalid manifest " + file + " (2 problems)");
        assertThatThrownBy(() -> LOADER.load(dir.resolve("none.yaml"))).hasMessage(
                "manifest " + dir.resolve("none.yaml") + ": no such file");
        final Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[ManifestLoader.MAX_CHARS + 1]);
        assertThatThrownBy(() -> LOADER.load(big)).hasMessage(
                "manifest " + big + ": 1048577 bytes (expected: at most 1048576)");
        final Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "version: v1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> LOADER.load(latin1)).hasMessage("manifest " + latin1 + ": not UTF-8 text");
    }
}
