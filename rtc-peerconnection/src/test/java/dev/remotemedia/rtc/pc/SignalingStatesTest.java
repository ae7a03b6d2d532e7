package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalingStatesTest {

    /** Every allowed transition (RFC 8829 §3.2 figure, W3C §4.4.1.5); all others must fail. */
    private static final String[] ALLOWED = {
        "stable,               local,  offer,    have-local-offer",
        "have-local-offer,     local,  offer,    have-local-offer",
        "have-remote-offer,    local,  pranswer, have-local-pranswer",
        "have-local-pranswer,  local,  pranswer, have-local-pranswer",
        "have-remote-offer,    local,  answer,   stable",
        "have-local-pranswer,  local,  answer,   stable",
        "have-local-offer,     local,  rollback, stable",
        "have-remote-offer,    local,  rollback, stable",
        "stable,               remote, offer,    have-remote-offer",
        "have-remote-offer,    remote, offer,    have-remote-offer",
        "have-local-offer,     remote, offer,    have-remote-offer",
        "have-local-offer,     remote, pranswer, have-remote-pranswer",
        "have-remote-pranswer, remote, pranswer, have-remote-pranswer",
        "have-local-offer,     remote, answer,   stable",
        "have-remote-pranswer, remote, answer,   stable",
        "have-local-offer,     remote, rollback, stable",
        "have-remote-offer,    remote, rollback, stable",
    };

    @Test
    void allowsExactlyTheJsepTransitions() {
        final Map<String, RTCSignalingState> allowed = new HashMap<>();
        for (String row : ALLOWED) {
            final String[] f = row.split(",");
            allowed.put(f[0].strip() + '/' + f[1].strip() + '/' + f[2].strip(),
                        RTCSignalingState.fromW3cName(f[3].strip()));
        }
        int checked = 0;
        for (RTCSignalingState state : RTCSignalingState.values()) {
            for (boolean local : new boolean[] {true, false}) {
                for (RTCSdpType type : RTCSdpType.values()) {
                    final String key = state.w3cName() + '/' + (local ? "local" : "remote") + '/' + type.w3cName();
                    final RTCSignalingState expected = allowed.get(key);
                    if (expected != null) {
                        assertThat(SignalingStates.next(state, local, type)).as(key).isEqualTo(expected);
                    } else {
                        assertThatThrownBy(() -> SignalingStates.next(state, local, type)).as(key)
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessageStartingWith("InvalidStateError: cannot set a ");
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(6 * 2 * 4);
        assertThat(allowed).hasSize(ALLOWED.length);
    }

    @Test
    void errorNamesWhatWasRefusedAndWhere() {
        assertThatThrownBy(() -> SignalingStates.next(RTCSignalingState.STABLE, true, RTCSdpType.ANSWER))
                .hasMessage("InvalidStateError: cannot set a local answer in signaling state stable");
        assertThatThrownBy(() -> SignalingStates.next(RTCSignalingState.CLOSED, false, RTCSdpType.OFFER))
                .hasMessage("InvalidStateError: cannot set a remote offer in signaling state closed");
    }

    @ParameterizedTest
    @CsvSource({"have-local-offer, HAVE_LOCAL_OFFER", "stable, STABLE", "have-remote-pranswer, HAVE_REMOTE_PRANSWER"})
    void w3cNamesRoundTrip(String name, RTCSignalingState state) {
        assertThat(state.w3cName()).isEqualTo(name);
        assertThat(RTCSignalingState.fromW3cName(name)).isEqualTo(state);
        assertThat(RTCSignalingState.fromW3cName("Stable")).isNull();
    }
}
