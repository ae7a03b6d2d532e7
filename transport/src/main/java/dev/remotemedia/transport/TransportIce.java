package dev.remotemedia.transport;

import dev.remotemedia.rtc.transport.ice.IceConfig;
import dev.remotemedia.rtc.transport.ice.IceServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns the ICE part of a {@link WebRtcTransportConfig} into the stack's {@link IceConfig}. */
public final class TransportIce {

    private TransportIce() {}

    /**
     * The ICE configuration of {@code config}: host addresses ({@code WEBRTC_ICE_ADDRESSES}, empty =
     * every interface address), the one UDP port, STUN and TURN servers, the ICE timeout and the
     * consent interval ({@code WEBRTC_KEEPALIVE_INTERVAL_MS}).
     *
     * @throws dev.remotemedia.rtc.common.error.RemoteMediaException as {@link IceConfig.Builder#build()}
     *     does, e.g. NOT_AVAILABLE for {@code stuns:}/{@code turns:} servers
     */
    public static IceConfig from(WebRtcTransportConfig config) {
        List<IceServer> servers = new ArrayList<>();
        for (StunServer s : config.stunServers()) {
            servers.add(IceServer.of((s.secure() ? "stuns:" : "stun:") + hostPort(s.host(), s.port())));
        }
        for (TurnServer t : config.turnServers()) {
            servers.add(IceServer.of(List.of((t.secure() ? "turns:" : "turn:") + hostPort(t.host(), t.port())),
                                     t.username(), t.credential()));
        }
        Duration interval = config.keepaliveInterval();
        Duration consentTimeout = IceConfig.DEFAULT_CONSENT_TIMEOUT.compareTo(interval.multipliedBy(3)) >= 0
                                  ? IceConfig.DEFAULT_CONSENT_TIMEOUT : interval.multipliedBy(3);
        return IceConfig.builder()
                        .iceServers(servers)
                        .hostAddresses(config.iceAddresses())
                        .udpPort(config.udpPort())
                        .iceTimeout(config.iceTimeout())
                        .consentInterval(interval)
                        .consentTimeout(consentTimeout)
                        .build();
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
