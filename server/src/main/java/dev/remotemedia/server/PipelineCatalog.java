package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.manifest.ManifestLoader;
import dev.remotemedia.pipeline.manifest.Manifests;
import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.Offer;
import dev.remotemedia.transport.ConfigKey;
import dev.remotemedia.transport.WebRtcTransportConfig;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipelines the server offers its clients, by name (DESIGN.md §5.4, §5.6): the built-in
 * examples ({@code loopback}, {@code gain}, {@code text-upper}, {@code vad}), every manifest in
 * {@code WEBRTC_MANIFESTS_DIR} named by its file name without the extension (a file named like a
 * built-in replaces it), and the manifest of {@code WEBRTC_PIPELINE_MANIFEST}, which is the default
 * and is also served by its file name. Without that one, the default is the built-in loopback.
 */
final class PipelineCatalog {
    /** The default pipeline when no manifest file is configured (DESIGN.md §5.6). */
    static final String BUILT_IN_DEFAULT = "loopback";
    /** Files read from a manifests folder at most: a folder is a list of choices, not a data store. */
    static final int MAX_DIR_ENTRIES = 1_000;
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    /** One pipeline: its manifest, what it does, and where it came from (a file or "built-in"). */
    record Entry(String name, Manifest manifest, String description, String source) {}

    private final Map<String, Entry> entries;
    private final String defaultName;

    private PipelineCatalog(Map<String, Entry> entries, String defaultName) {
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
        this.defaultName = defaultName;
    }

    /** Reads every manifest {@code config} names, checked against the node types on the class path. */
    static PipelineCatalog load(WebRtcTransportConfig config) {
        return load(config, ManifestLoader.of(NodeRegistry.load()));
    }

    /**
     * Reads every manifest {@code config} names, checked by {@code loader}.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) reporting every bad file at
     *     once, each with its validation report
     */
    static PipelineCatalog load(WebRtcTransportConfig config, ManifestLoader loader) {
        requireNonNull(config, "config");
        requireNonNull(loader, "loader");
        final Map<String, Entry> entries = new TreeMap<>();
        for (String name : Manifests.BUILT_IN) {
            final Manifest manifest = Manifests.builtIn(name, loader);
            entries.put(name, new Entry(name, manifest, description(manifest), "built-in"));
        }
        final List<String> problems = new ArrayList<>();
        config.manifestsDir().ifPresent(dir -> readFolder(dir, loader, entries, problems));
        String defaultName = BUILT_IN_DEFAULT;
        if (config.pipelineManifest().isPresent()) {
            final Path file = config.pipelineManifest().get();
            final String name = nameOf(file);
            final Entry entry = read(file, name, loader, problems, ConfigKey.PIPELINE_MANIFEST);
            if (entry != null) {
                entries.put(name, entry);
                defaultName = name;
            }
        }
        if (!problems.isEmpty()) {
            throw new RemoteMediaException(ErrorCode.INVALID_CONFIG, String.join("\n", problems));
        }
        return new PipelineCatalog(entries, defaultName);
    }

    private static void readFolder(Path dir, ManifestLoader loader, Map<String, Entry> entries, List<String> problems) {
        final Map<String, Path> byName = new TreeMap<>();
        final String where = ConfigKey.MANIFESTS_DIR.envVar() + " (" + ConfigKey.MANIFESTS_DIR.flag() + "): ";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            int seen = 0;
            for (Path file : files) {
                if (!Files.isRegularFile(file) || extension(file) == null) {
                    continue;
                }
                if (++seen > MAX_DIR_ENTRIES) {
                    problems.add(where + "'" + dir + "' holds more than " + MAX_DIR_ENTRIES
                                 + " manifests (expected: at most " + MAX_DIR_ENTRIES + ')');
                    return;
                }
                final Path other = byName.put(nameOf(file), file);
                if (other != null) {
                    problems.add(where + "'" + file + "' and '" + other + "' both name pipeline '" + nameOf(file)
                                 + "' (expected: one file per name)");
                }
            }
        } catch (IOException e) {
            problems.add(where + "'" + dir + "' cannot be listed (" + e.getMessage() + ')');
            return;
        }
        byName.forEach((name, file) -> {
            final Entry entry = read(file, name, loader, problems, ConfigKey.MANIFESTS_DIR);
            if (entry != null) {
                entries.put(name, entry);
            }
        });
    }

    private static @Nullable Entry read(Path file, String name, ManifestLoader loader, List<String> problems, ConfigKey key) {
        final String where = key.envVar() + " (" + key.flag() + "): ";
        if (name.isEmpty() || name.length() > Offer.MAX_PIPELINE_NAME_LENGTH) {
            problems.add(where + "'" + file + "': the pipeline name '" + name + "' (expected: 1 to "
                         + Offer.MAX_PIPELINE_NAME_LENGTH + " characters before the extension)");
            return null;
        }
        try {
            final Manifest manifest = loader.load(file);
            return new Entry(name, manifest, description(manifest), file.toString());
        } catch (RemoteMediaException e) {
            problems.add(where + e.getMessage());
            return null;
        }
    }

    /** A file's pipeline name: its file name without a known extension. */
    static String nameOf(Path file) {
        final String fileName = file.getFileName().toString();
        final String extension = extension(file);
        return extension == null ? fileName : fileName.substring(0, fileName.length() - extension.length());
    }

    private static @Nullable String extension(Path file) {
        final String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String extension : EXTENSIONS) {
            if (lower.endsWith(extension)) {
                return extension;
            }
        }
        return null;
    }

    private static String description(Manifest manifest) {
        return manifest.metadata().getOrDefault("description", "");
    }

    /** Every pipeline, by name in alphabetical order. */
    Map<String, Entry> entries() {
        return entries;
    }

    /** The pipeline a client gets when it names none. */
    String defaultName() {
        return defaultName;
    }

    Entry get(String name) {
        final Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("pipeline: '" + name + "' (expected one of: " + entries.keySet() + ')');
        }
        return entry;
    }
}
