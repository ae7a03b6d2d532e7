package dev.remotemedia.signaling;

import java.util.Map;

/**
 * The JSON-RPC method names of DESIGN.md §5.1, their unprefixed aliases, and the reserved peer id
 * of the server itself.
 */
public final class SignalingMethods {
    public static final String ANNOUNCE = "peer.announce";
    public static final String LIST = "peer.list";
    public static final String OFFER = "peer.offer";
    public static final String ANSWER = "peer.answer";
    public static final String ICE_CANDIDATE = "peer.ice_candidate";
    public static final String STATE_CHANGED = "peer.state_changed";
    public static final String DISCONNECT = "peer.disconnect";
    /** Server to client: another peer announced itself. */
    public static final String ANNOUNCED = "peer.announced";
    /** Server to client: a peer left (it disconnected or its socket closed). */
    public static final String LEFT = "peer.left";

    /** The id an offer is addressed to when the server itself should answer with a ServerPeer. */
    public static final String SERVER_PEER_ID = "remotemedia-server";

    /** The unprefixed names accepted for the canonical ones (§5.1). */
    public static final Map<String, String> ALIASES = Map.of(
            "announce", ANNOUNCE, "offer", OFFER, "answer", ANSWER, "ice_candidate", ICE_CANDIDATE,
            "disconnect", DISCONNECT);

    /** The longest peer id, in characters. */
    public static final int MAX_PEER_ID_LENGTH = 128;

    private SignalingMethods() {}

    /** Whether {@code peerId} is 1 to 128 characters with no control character. */
    public static boolean isValidPeerId(String peerId) {
        if (peerId.isEmpty() || peerId.length() > MAX_PEER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < peerId.length(); i++) {
            if (Character.isISOControl(peerId.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
