package dev.remotemedia.pipeline.manifest;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pipeline manifests (DESIGN.md §5.4) from YAML or JSON and checks them against a
 * {@link NodeRegistry}. Every problem is reported at once: syntax errors with line and column, the
 * rest with their path ({@code nodes[2].params.threshold}). Thread-safe.
 */
public final class ManifestLoader {
    /** The largest manifest accepted, in characters (and in bytes for files). */
    public static final int MAX_CHARS = 1024 * 1024;

    private final NodeRegistry registry;

    private ManifestLoader(NodeRegistry registry) {
        this.registry = requireNonNull(registry, "registry");
    }

    /** A loader that checks node types and params against {@code registry}. */
    public static ManifestLoader of(NodeRegistry registry) {
        return new ManifestLoader(registry);
    }

    /** Reads and checks {@code text}; never throws for bad input. */
    public ManifestCheck check(String text) {
        requireNonNull(text, "text");
        final List<ManifestProblem> problems = new ArrayList<>();
        if (text.length() > MAX_CHARS) {
            problems.add(new ManifestProblem("manifest", text.length() + " characters (expected: at most "
                                                         + MAX_CHARS + ')'));
            return new ManifestCheck(null, problems);
        }
        final ManifestReader reader = new ManifestReader(problems);
        reader.read(text);
        if (!reader.readable || !reader.nodesReadable) {
            return new ManifestCheck(null, problems);
        }
        ManifestValidator.validate(reader.nodes, reader.connections, registry, problems);
        if (!problems.isEmpty()) {
            return new ManifestCheck(null, problems);
        }
        final List<NodeSpec> nodes = new ArrayList<>();
        reader.nodes.forEach(n -> nodes.add(new NodeSpec(n.id(), n.type(), n.params())));
        final List<ConnectionSpec> connections = new ArrayList<>();
        reader.connections.forEach(c -> connections.add(new ConnectionSpec(c.from(), c.to())));
        return new ManifestCheck(new Manifest(Manifest.VERSION, reader.metadata, nodes, connections), List.of());
    }

    /**
     * Reads and checks {@code text}.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) listing every problem
     */
    public Manifest parse(String text) {
        return orThrow("manifest", check(text));
    }

    /**
     * Reads and checks the manifest file {@code file} (UTF-8, at most {@link #MAX_CHARS} bytes).
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) if it cannot be read or is not
     *                              valid
     */
    public Manifest load(Path file) {
        requireNonNull(file, "file");
        final byte[] bytes;
        try {
            final long size = Files.size(file);
            if (size > MAX_CHARS) {
                throw invalid("manifest " + file + ": " + size + " bytes (expected: at most " + MAX_CHARS + ')');
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw invalid("manifest " + file + ": no such file");
        } catch (IOException e) {
            throw invalid("manifest " + file + ": cannot be read (" + e.getMessage() + ')');
        }
        return orThrow("manifest " + file, check(utf8(file.toString(), bytes)));
    }

    /** Reads and checks a manifest from {@code in} (closed by the caller), named {@code name} in errors. */
    public Manifest load(String name, InputStream in) throws IOException {
        final byte[] bytes = in.readNBytes(MAX_CHARS + 1);
        if (bytes.length > MAX_CHARS) {
            throw invalid("manifest " + name + ": more than " + MAX_CHARS + " bytes (expected: at most "
                          + MAX_CHARS + ')');
        }
        return orThrow("manifest " + name, check(utf8(name, bytes)));
    }

    /** Checks a manifest built in code; empty when it is valid. */
    public List<ManifestProblem> validate(Manifest manifest) {
        return ManifestValidator.validate(requireNonNull(manifest, "manifest"), registry);
    }

    /**
     * Returns {@code manifest} if it is valid.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) listing every problem
     */
    public Manifest requireValid(Manifest manifest) {
        final List<ManifestProblem> problems = validate(manifest);
        if (!problems.isEmpty()) {
            throw invalid(describe("manifest" + (manifest.name().isEmpty() ? "" : " '" + manifest.name() + '\''),
                                   problems));
        }
        return manifest;
    }

    /** The registry node types are checked against. */
    public NodeRegistry registry() {
        return registry;
    }

    private static String utf8(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                                         .onMalformedInput(CodingErrorAction.REPORT)
                                         .onUnmappableCharacter(CodingErrorAction.REPORT)
                                         .decode(java.nio.ByteBuffer.wrap(bytes))
                                         .toString();
        } catch (CharacterCodingException e) {
            throw invalid("manifest " + name + ": not UTF-8 text");
        }
    }

    private static Manifest orThrow(String what, ManifestCheck check) {
        if (!check.valid()) {
            throw invalid(describe(what, check.problems()));
        }
        return check.manifest();
    }

    private static String describe(String what, List<ManifestProblem> problems) {
        final StringBuilder sb = new StringBuilder("invalid ").append(what).append(" (").append(problems.size())
                                                              .append(problems.size() == 1 ? " problem):" : " problems):");
        problems.forEach(p -> sb.append("\n  ").append(p));
        return sb.toString();
    }

    private static RemoteMediaException invalid(String message) {
        return new RemoteMediaException(ErrorCode.INVALID_CONFIG, message);
    }
}
