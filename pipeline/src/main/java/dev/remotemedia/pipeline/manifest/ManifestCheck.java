package dev.remotemedia.pipeline.manifest;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * The result of reading and checking a manifest: the manifest when it is valid, and every problem
 * found otherwise.
 */
public record ManifestCheck(@Nullable Manifest manifest, List<ManifestProblem> problems) {

    public ManifestCheck {
        problems = List.copyOf(problems);
        if ((manifest == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("expected: a manifest and no problems, or problems and no manifest");
        }
    }

    /** Whether the manifest is valid. */
    public boolean valid() {
        return problems.isEmpty();
    }
}
