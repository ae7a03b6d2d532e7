package dev.remotemedia.server;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.pipeline.data.RuntimeData;
import dev.remotemedia.pipeline.data.TextData;
import dev.remotemedia.pipeline.manifest.Manifest;
import dev.remotemedia.pipeline.runtime.PipelineRunner;
import dev.remotemedia.rtc.pc.RTCDataChannel;
import dev.remotemedia.rtc.pc.RTCDataChannelMessage;
import dev.remotemedia.rtc.pc.RTCDataChannelState;
import dev.remotemedia.transport.peer.ServerPeer;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's application channel (DESIGN.md §5.3: channels other than {@code remotemedia} are the
 * application's): each text message on a channel labelled {@value #LABEL} runs through one
 * pipeline (the {@code text-upper} manifest) with {@link PipelineRunner#executeUnary}, and the
 * text it produces goes back on the same channel. Other application channels are closed.
 */
final class ChatChannel implements BiConsumer<ServerPeer, RTCDataChannel> {
    static final String LABEL = "chat";
    /** Longest chat message accepted, in bytes: chat is for lines of text, not files. */
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final Logger logger = LoggerFactory.getLogger(ChatChannel.class);

    private final PipelineRunner runner;
    private final Manifest manifest;
    private final LongAdder messages = new LongAdder();

    ChatChannel(PipelineRunner runner, Manifest manifest) {
        this.runner = requireNonNull(runner, "runner");
        this.manifest = requireNonNull(manifest, "manifest");
    }

    @Override
    public void accept(ServerPeer peer, RTCDataChannel channel) {
        if (!LABEL.equals(channel.label())) {
            logger.debug("ServerPeer {}: channel '{}' is not served; closed", peer.peerId(), channel.label());
            channel.close();
            return;
        }
        // Replies are made on the connection's loop, in order: a text transform takes microseconds.
        channel.onMessage(message -> reply(peer, channel, message));
    }

    /** Chat messages handled so far, on every peer. */
    long messages() {
        return messages.sum();
    }

    private void reply(ServerPeer peer, RTCDataChannel channel, RTCDataChannelMessage message) {
        if (channel.readyState() != RTCDataChannelState.OPEN) {
            return;
        }
        if (message.binary()) {
            channel.send("error: chat carries text; binary messages go on the remotemedia channel");
            return;
        }
        if (message.data().length > MAX_MESSAGE_BYTES) {
            channel.send("error: a chat message of " + message.data().length + " bytes (expected: at most "
                         + MAX_MESSAGE_BYTES + ')');
            return;
        }
        messages.increment();
        final List<RuntimeData> out;
        try {
            out = runner.executeUnary(manifest, TextData.of(message.text()));
        } catch (RuntimeException e) {
            logger.debug("ServerPeer {}: chat pipeline failed: {}", peer.peerId(), e.getMessage());
            channel.send("error: the chat pipeline failed: " + e.getMessage());
            return;
        }
        for (RuntimeData data : out) {
            channel.send(data instanceof TextData text ? text.text() : "[" + data.kind() + "]");
        }
    }
}
