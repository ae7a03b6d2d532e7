package dev.remotemedia.pipeline.manifest;

import dev.remotemedia.pipeline.node.NodeRegistry;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The example manifests shipped in the pipeline jar (the repository's {@code manifests/} folder,
 * under {@code manifests/} on the class path). The server runs {@code loopback} when no manifest is
 * configured (DESIGN.md §5.6).
 */
public final class Manifests {
    /** The names of the shipped manifests. */
    public static final List<String> BUILT_IN = List.of("loopback", "gain", "text-upper", "vad", "video-loopback",
                                                        "grayscale");

    private Manifests() {}

    /**
     * The shipped manifest {@code name}, checked against the node types found on the class path.
     *
     * @throws RemoteMediaException ({@link ErrorCode#INVALID_CONFIG}) if there is no such manifest
     */
    public static Manifest builtIn(String name) {
        return builtIn(name, ManifestLoader.of(NodeRegistry.load()));
    }

    /** The shipped manifest {@code name}, checked by {@code loader}. */
    public static Manifest builtIn(String name, ManifestLoader loader) {
        if (!BUILT_IN.contains(name)) {
            throw new RemoteMediaException(ErrorCode.INVALID_CONFIG, "manifest: " + name + " (expected one of: "
                                                                     + String.join(", ", BUILT_IN) + ')');
        }
        final String resource = "manifests/" + name + ".yaml";
        try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the pipeline jar");
            }
            return loader.load(resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
