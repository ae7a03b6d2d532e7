package dev.remotemedia.signaling.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.grpc.v1.ErrorResponse;
import dev.remotemedia.signaling.grpc.v1.PeerCapabilities;
import dev.remotemedia.signaling.grpc.v1.PeerInfo;
import dev.remotemedia.signaling.grpc.v1.PeerState;
import dev.remotemedia.signaling.jsonrpc.JsonRpcCodec;
import dev.remotemedia.signaling.jsonrpc.JsonRpcException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the hub's model (the JSON-RPC shapes of DESIGN.md §5.1) and the protobuf messages of
 * §5.2: capabilities as a list or as flags, {@code user_data} as JSON or metadata as a string map,
 * the connection state as a W3C name or a {@link PeerState}, and failures as an
 * {@link ErrorResponse} with the code, message and status name of {@link ErrorCode}'s table.
 */
final class ProtoMapping {
    private static final Logger logger = LoggerFactory.getLogger(ProtoMapping.class);

    private ProtoMapping() {}

    static PeerInfo peerInfo(AnnouncedPeer peer) {
        final dev.remotemedia.signaling.PeerInfo info = peer.info();
        return PeerInfo.newBuilder()
                       .setPeerId(info.peerId())
                       .setCapabilities(PeerCapabilities.newBuilder()
                                                        .setAudio(info.capabilities().contains("audio"))
                                                        .setVideo(info.capabilities().contains("video"))
                                                        .setData(info.capabilities().contains("data")))
                       .putAllMetadata(metadata(info.userData()))
                       .setState(peerState(info.state()))
                       .setConnectedAtMs(peer.announcedAtMillis())
                       .build();
    }

    static List<PeerInfo> peerInfos(List<AnnouncedPeer> peers) {
        final List<PeerInfo> infos = new ArrayList<>(peers.size());
        peers.forEach(p -> infos.add(peerInfo(p)));
        return infos;
    }

    static List<String> capabilities(PeerCapabilities capabilities) {
        final List<String> list = new ArrayList<>(3);
        if (capabilities.getAudio()) {
            list.add("audio");
        }
        if (capabilities.getVideo()) {
            list.add("video");
        }
        if (capabilities.getData()) {
            list.add("data");
        }
        return list;
    }

    /** Metadata as JSON-RPC {@code user_data}: an object of strings, or null when there is none. */
    static JsonNode userData(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return NullNode.getInstance();
        }
        final ObjectNode node = JsonRpcCodec.nodes().objectNode();
        metadata.forEach(node::put);
        return node;
    }

    /**
     * JSON-RPC {@code user_data} as metadata: an object's fields, strings as they are and other
     * values as JSON text; any other value under the key {@code user_data}.
     */
    static Map<String, String> metadata(JsonNode userData) {
        if (userData.isNull() || userData.isMissingNode()) {
            return Map.of();
        }
        if (!userData.isObject()) {
            return Map.of("user_data", userData.isTextual() ? userData.asText() : userData.toString());
        }
        final Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = userData.fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> field = it.next();
            final JsonNode value = field.getValue();
            map.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
        }
        return map;
    }

    /** A W3C {@code RTCPeerConnectionState} name (or the hub's {@code "new"}) as a {@link PeerState}. */
    static PeerState peerState(@Nullable String state) {
        if (state == null) {
            return PeerState.PEER_STATE_UNSPECIFIED;
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "new" -> PeerState.PEER_STATE_AVAILABLE;
            case "connecting" -> PeerState.PEER_STATE_CONNECTING;
            case "connected" -> PeerState.PEER_STATE_CONNECTED;
            case "disconnected", "closed" -> PeerState.PEER_STATE_DISCONNECTED;
            case "failed" -> PeerState.PEER_STATE_FAILED;
            default -> PeerState.PEER_STATE_UNSPECIFIED;
        };
    }

    /** A {@link PeerState} as the W3C name JSON-RPC peers see, or {@code null} when unspecified. */
    static @Nullable String stateName(PeerState state) {
        return switch (state) {
            case PEER_STATE_AVAILABLE -> "new";
            case PEER_STATE_CONNECTING -> "connecting";
            case PEER_STATE_CONNECTED -> "connected";
            case PEER_STATE_DISCONNECTED -> "disconnected";
            case PEER_STATE_FAILED -> "failed";
            default -> null;
        };
    }

    static ErrorResponse error(ErrorCode code, String message) {
        return ErrorResponse.newBuilder().setCode(code.jsonRpcCode()).setMessage(message)
                            .setStatus(code.grpcStatus().name()).build();
    }

    /**
     * A request's failure as an {@link ErrorResponse}: a {@link RemoteMediaException}'s code, a
     * refusal relayed from a JSON-RPC peer with its own code; anything else is a bug, logged here,
     * and the client gets {@code -32603} with no detail.
     */
    static ErrorResponse error(Throwable failure, String what) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RemoteMediaException e) {
            return error(e.code(), e.getMessage());
        }
        if (cause instanceof JsonRpcException e) {
            final ErrorCode code = codeOf(e.code());
            return ErrorResponse.newBuilder().setCode(e.code()).setMessage(e.error().message())
                                .setStatus(code == null ? "UNKNOWN" : code.grpcStatus().name()).build();
        }
        logger.warn("{} failed", what, cause);
        return error(ErrorCode.INTERNAL, "internal error while handling " + what);
    }

    private static @Nullable ErrorCode codeOf(int jsonRpcCode) {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.jsonRpcCode() == jsonRpcCode) {
                return code;
            }
        }
        return null;
    }
}
