package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 5763 §5 / RFC 8842 §5: roles from the remote {@code a=setup}. */
class DtlsRoleTest {

    @Test
    void remoteActiveMakesUsTheServer() {
        assertThat(DtlsRole.fromRemoteSetup("active")).isEqualTo(DtlsRole.SERVER);
    }

    @Test
    void remotePassiveMakesUsTheClient() {
        assertThat(DtlsRole.fromRemoteSetup("passive")).isEqualTo(DtlsRole.CLIENT);
    }

    @Test
    void offerWithActpassIsAnsweredActiveLikeChromium() {
        final DtlsRole role = DtlsRole.fromRemoteSetup("actpass");

        assertThat(role).isEqualTo(DtlsRole.CLIENT);
        assertThat(role.setupValue()).isEqualTo("active");
        assertThat(DtlsRole.SERVER.setupValue()).isEqualTo("passive");
    }

    @Test
    void holdconnAndUnknownValuesAreRefused() {
        assertThatThrownBy(() -> DtlsRole.fromRemoteSetup("holdconn"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setup: 'holdconn' (expected: active, passive or actpass)");
        assertThatThrownBy(() -> DtlsRole.fromRemoteSetup("ACTIVE"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
