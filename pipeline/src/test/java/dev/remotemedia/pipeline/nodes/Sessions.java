package dev.remotemedia.pipeline.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.pipeline.runtime.StreamSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a stream through a session: one thread sends, another reads, as a real client would. */
final class Sessions {
    private Sessions() {}

    static List<RuntimeData> stream(Manifest manifest, List<? extends RuntimeData> inputs) throws Exception {
        try (PipelineRunner runner = PipelineRunner.of()) {
            final StreamSession s = runner.createStreamSession(manifest);
            final CompletableFuture<List<RuntimeData>> reader = CompletableFuture.supplyAsync(() -> {
                final List<RuntimeData> out = new ArrayList<>();
                try {
                    RuntimeData d;
                    while ((d = s.receiveOutput(10, TimeUnit.SECONDS)) != null) {
                        out.add(d);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return out;
            });
            for (RuntimeData d : inputs) {
                assertThat(s.sendInput(d)).isTrue();
            }
            s.close();
            final List<RuntimeData> out = reader.get(30, TimeUnit.SECONDS);
            assertThat(s.isClosed()).as("session ended (not a read timeout)").isTrue();
            assertThat(s.closeFuture().get(10, TimeUnit.SECONDS).clean()).isTrue();
            return out;
        }
    }
}
