package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 5764 §4.2 layout: client key, server key, client salt, server salt. */
class SrtpKeyingMaterialTest {

    @Test
    void splitsAesCmMaterialByDirection() {
        final byte[] material = sequence(60); // 16 + 16 + 14 + 14

        final SrtpKeyingMaterial client = new SrtpKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, DtlsRole.CLIENT, material);
        final SrtpKeyingMaterial server = new SrtpKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, DtlsRole.SERVER, material);

        assertThat(client.localKey()).isEqualTo(range(0, 16));
        assertThat(client.remoteKey()).isEqualTo(range(16, 32));
        assertThat(client.localSalt()).isEqualTo(range(32, 46));
        assertThat(client.remoteSalt()).isEqualTo(range(46, 60));
        assertThat(server.localKey()).isEqualTo(client.remoteKey());
        assertThat(server.localSalt()).isEqualTo(client.remoteSalt());
        assertThat(server.remoteKey()).isEqualTo(client.localKey());
        assertThat(server.remoteSalt()).isEqualTo(client.localSalt());
    }

    @Test
    void splitsGcmMaterialWithTwelveByteSalts() {
        final SrtpKeyingMaterial client = new SrtpKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, DtlsRole.CLIENT, sequence(56));

        assertThat(client.localSalt()).isEqualTo(range(32, 44));
        assertThat(client.remoteSalt()).isEqualTo(range(44, 56));
    }

    @Test
    void refusesMaterialOfTheWrongLength() {
        assertThatThrownBy(() -> new SrtpKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, DtlsRole.CLIENT, new byte[60]))
                .hasMessage("material: 60 bytes (expected: 56 for AEAD_AES_128_GCM)");
    }

    @Test
    void neverPrintsKeys() {
        assertThat(new SrtpKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, DtlsRole.SERVER, sequence(56)))
                .hasToString("SrtpKeyingMaterial[AEAD_AES_128_GCM, SERVER]");
    }

    @Test
    void profilesAreFoundByWireId() {
        assertThat(SrtpProfile.fromId(0x0007)).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.fromId(0x0001)).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(SrtpProfile.fromId(0x0002)).isNull();
    }

    private static byte[] sequence(int length) {
        return range(0, length);
    }

    private static byte[] range(int from, int to) {
        final byte[] bytes = new byte[to - from];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return bytes;
    }
}
