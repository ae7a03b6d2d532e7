package dev.remotemedia.rtc.transport.dtls;

import static dev.remotemedia.rtc.transport.dtls.SrtpProfile.AEAD_AES_128_GCM;
import static dev.remotemedia.rtc.transport.dtls.SrtpProfile.AES128_CM_HMAC_SHA1_80;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The use_srtp extension (RFC 5764 §4.1) and the exported SRTP keys (RFC 5764 §4.2). */
class DtlsSrtpTest {

    @Test
    void bothSidesExportTheSameKeysForTheDefaultProfile() throws Exception {
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();

            final SrtpKeyingMaterial client = pair.client.awaitConnected().srtp();
            final SrtpKeyingMaterial server = pair.server.awaitConnected().srtp();

            assertThat(client).isNotNull();
            assertThat(server).isNotNull();
            assertThat(client.profile()).isEqualTo(AEAD_AES_128_GCM);
            assertThat(server.profile()).isEqualTo(AEAD_AES_128_GCM);
            assertThat(client.material()).hasSize(56).isEqualTo(server.material());
            assertThat(client.localKey()).hasSize(16).isEqualTo(server.remoteKey());
            assertThat(client.localSalt()).hasSize(12).isEqualTo(server.remoteSalt());
            assertThat(client.remoteKey()).isEqualTo(server.localKey());
            assertThat(client.remoteSalt()).isEqualTo(server.localSalt());
            assertThat(client.localKey()).isNotEqualTo(client.remoteKey());
        }
    }

    @Test
    void eachConnectionExportsDifferentKeys() throws Exception {
        final byte[] first;
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            first = pair.client.awaitConnected().srtp().material();
        }
        try (DtlsPair pair = DtlsPair.create()) {
            pair.startBoth();
            assertThat(pair.client.awaitConnected().srtp().material()).isNotEqualTo(first);
        }
    }

    @Test
    void serverPicksItsMostPreferredProfileAmongThoseOffered() throws Exception {
        // Chromium offers AES_CM first; as server we still choose GCM, like BoringSSL would by its own order.
        try (DtlsPair pair = DtlsPair.create(c -> c.srtpProfiles(List.of(AES128_CM_HMAC_SHA1_80, AEAD_AES_128_GCM)),
                                             s -> s)) {
            pair.startBoth();

            assertThat(pair.client.awaitConnected().srtp().profile()).isEqualTo(AEAD_AES_128_GCM);
            assertThat(pair.server.awaitConnected().srtp().profile()).isEqualTo(AEAD_AES_128_GCM);
        }
    }

    @Test
    void aesCmProfileIsNegotiatedWhenItIsTheOnlyOneOffered() throws Exception {
        try (DtlsPair pair = DtlsPair.create(c -> c.srtpProfiles(List.of(AES128_CM_HMAC_SHA1_80)), s -> s)) {
            pair.startBoth();

            final SrtpKeyingMaterial client = pair.client.awaitConnected().srtp();
            final SrtpKeyingMaterial server = pair.server.awaitConnected().srtp();

            assertThat(client.profile()).isEqualTo(AES128_CM_HMAC_SHA1_80);
            assertThat(client.material()).hasSize(60).isEqualTo(server.material());
            assertThat(client.localSalt()).hasSize(14).isEqualTo(server.remoteSalt());
        }
    }

    @Test
    void noSharedProfileConnectsWithoutSrtp() throws Exception {
        try (DtlsPair pair = DtlsPair.create(c -> c.srtpProfiles(List.of(AES128_CM_HMAC_SHA1_80)),
                                             s -> s.srtpProfiles(List.of(AEAD_AES_128_GCM)))) {
            pair.startBoth();

            assertThat(pair.client.awaitConnected().srtp()).isNull();
            assertThat(pair.server.awaitConnected().srtp()).isNull();
        }
    }

    @Test
    void clientThatOffersNoSrtpConnectsWithoutSrtp() throws Exception {
        try (DtlsPair pair = DtlsPair.create(c -> c.srtpProfiles(List.of()), s -> s)) {
            pair.startBoth();

            assertThat(pair.client.awaitConnected().srtp()).isNull();
            assertThat(pair.server.awaitConnected().srtp()).isNull();
        }
    }
}
