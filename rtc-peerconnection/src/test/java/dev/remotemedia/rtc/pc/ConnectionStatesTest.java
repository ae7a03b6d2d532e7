package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionStatesTest {

    private static List<RTCIceTransportState> ice(String names) {
        return Arrays.stream(names.split(" ")).filter(s -> !s.isEmpty())
                     .map(RTCIceTransportState::fromW3cName).collect(Collectors.toList());
    }

    private static List<RTCDtlsTransportState> dtls(String names) {
        return Arrays.stream(names.split(" ")).filter(s -> !s.isEmpty())
                     .map(RTCDtlsTransportState::fromW3cName).collect(Collectors.toList());
    }

    @ParameterizedTest(name = "ice [{0}] -> {1}")
    @CsvSource({
        "'',                   new",
        "new,                  new",
        "new closed,           new",
        "checking,             checking",
        "new connected,        checking",
        "connected,            connected",
        "connected completed,  connected",
        "completed,            completed",
        "completed closed,     completed",
        "connected disconnected, disconnected",
        "disconnected failed,  failed",
    })
    void iceConnectionStateFollowsW3cTable(String transports, String expected) {
        assertThat(ConnectionStates.iceConnectionState(false, ice(transports)).w3cName()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "ice [{0}] dtls [{1}] -> {2}")
    @CsvSource({
        "'',           '',          new",
        "new,          new,         new",
        "checking,     new,         connecting",
        "connected,    connecting,  connecting",
        "connected,    connected,   connected",
        "completed,    connected,   connected",
        "connected,    failed,      failed",
        "failed,       connected,   failed",
        "disconnected, connected,   disconnected",
        "closed,       closed,      new",
    })
    void connectionStateCombinesIceAndDtls(String iceStates, String dtlsStates, String expected) {
        assertThat(ConnectionStates.connectionState(false, ice(iceStates), dtls(dtlsStates)).w3cName())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"connected", "failed"})
    void closedWinsOverEverything(String state) {
        assertThat(ConnectionStates.iceConnectionState(true, ice(state))).isEqualTo(RTCIceConnectionState.CLOSED);
        assertThat(ConnectionStates.connectionState(true, ice(state), dtls("connected")))
                .isEqualTo(RTCPeerConnectionState.CLOSED);
    }
}
