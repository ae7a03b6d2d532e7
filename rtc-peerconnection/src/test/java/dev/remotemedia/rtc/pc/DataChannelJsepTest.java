package dev.remotemedia.rtc.pc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.sdp.Fingerprint;
import dev.remotemedia.rtc.sdp.IceCredentials;
import dev.remotemedia.rtc.sdp.MediaDescription;
import dev.remotemedia.rtc.sdp.Origin;
import dev.remotemedia.rtc.sdp.SdpParser;
import dev.remotemedia.rtc.sdp.SdpWriter;
import dev.remotemedia.rtc.sdp.SessionDescription;
import dev.remotemedia.rtc.sdp.SetupRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataChannelJsepTest {
    private static final IceCredentials ICE = new IceCredentials("abcd", "0123456789abcdefghijklmn");
    private static final Fingerprint FINGERPRINT = Fingerprint.sha256(new byte[32]);
    private static final Origin ORIGIN = Origin.of("4611731400430051336", "2");

    private static SessionDescription chromium(String name) throws IOException {
        try (InputStream in = DataChannelJsepTest.class.getResourceAsStream("/chromium/" + name)) {
            return SdpParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).orElseThrow();
        }
    }

    /** Written and parsed again, as the remote side will see it. */
    private static SessionDescription overTheWire(SessionDescription description) {
        return SdpParser.parse(SdpWriter.write(description)).orElseThrow();
    }

    @Test
    void offerIsOneBundledDataChannelSectionThatParsesBack() {
        final SessionDescription offer = overTheWire(DataChannelJsep.offer(ORIGIN, ICE, List.of(FINGERPRINT)));
        assertThat(offer.media()).hasSize(1);
        final MediaDescription data = offer.media().get(0);
        assertThat(data.isDataChannel()).isTrue();
        assertThat(data.protocol()).isEqualTo("UDP/DTLS/SCTP");
        assertThat(offer.bundleGroupOf("0")).isNotNull();

        final TransportParameters parameters = DataChannelJsep.remoteParameters(offer);
        assertThat(parameters.mid()).isEqualTo("0");
        assertThat(parameters.ice()).isEqualTo(ICE);
        assertThat(parameters.fingerprints()).containsExactly(FINGERPRINT);
        assertThat(parameters.setup()).isEqualTo(SetupRole.ACTPASS);
        assertThat(parameters.sctpPort()).isEqualTo(5000);
        assertThat(parameters.maxMessageSize()).isEqualTo(262_144);
        assertThat(offer.supportsTrickle(data)).isTrue();
    }

    @Test
    void ourOfferIsShapedLikeChromiumsDataChannelOffer() throws IOException {
        final SessionDescription ours = overTheWire(DataChannelJsep.offer(ORIGIN, ICE, List.of(FINGERPRINT)));
        final MediaDescription theirs = chromium("offer-datachannel.sdp").media().get(0);
        final MediaDescription data = ours.media().get(0);
        assertThat(data.media()).isEqualTo(theirs.media());
        assertThat(data.protocol()).isEqualTo(theirs.protocol());
        assertThat(data.formats()).isEqualTo(theirs.formats());
        assertThat(data.sctpPort()).isEqualTo(theirs.sctpPort());
        assertThat(data.maxMessageSize()).isEqualTo(theirs.maxMessageSize());
        assertThat(data.setup()).isEqualTo(theirs.setup());
        assertThat(data.iceOptions()).isEqualTo(theirs.iceOptions());
    }

    @Test
    void answersChromiumsAudioVideoDataOfferByAcceptingOnlyTheDataChannel() throws IOException {
        final SessionDescription offer = chromium("offer-audio-video-datachannel.sdp");
        final SessionDescription answer = overTheWire(DataChannelJsep.answer(offer, ORIGIN, ICE, List.of(FINGERPRINT)));

        assertThat(answer.media()).extracting(MediaDescription::mid).containsExactly("0", "1", "2");
        assertThat(answer.media()).extracting(MediaDescription::media).containsExactly("audio", "video", "application");
        assertThat(answer.media()).extracting(MediaDescription::port).containsExactly(0, 0, 9);
        assertThat(answer.bundleGroups()).hasSize(1);
        assertThat(answer.bundleGroups().get(0).mids()).containsExactly("2");

        final TransportParameters ours = DataChannelJsep.remoteParameters(answer);
        assertThat(ours.mid()).isEqualTo("2");
        assertThat(ours.setup()).isEqualTo(SetupRole.ACTIVE);
        assertThat(ours.ice()).isEqualTo(ICE);

        final TransportParameters theirs = DataChannelJsep.remoteParameters(offer);
        assertThat(theirs.mid()).isEqualTo("2");
        assertThat(theirs.fingerprints()).hasSize(1);
        assertThat(theirs.fingerprints().get(0).hashFunction()).isEqualTo("sha-256");
        assertThat(theirs.maxMessageSize()).isEqualTo(262_144);
    }

    @ParameterizedTest
    @CsvSource({"ACTPASS, ACTIVE", "PASSIVE, ACTIVE", "ACTIVE, PASSIVE"})
    void answerRoleFollowsRfc8842(SetupRole offered, SetupRole answered) {
        final SessionDescription base = DataChannelJsep.offer(ORIGIN, ICE, List.of(FINGERPRINT));
        final SessionDescription offer = base.toBuilder()
                .setMedia(0, base.media().get(0).toBuilder().setup(offered).build()).build();
        final SessionDescription answer = DataChannelJsep.answer(offer, ORIGIN, ICE, List.of(FINGERPRINT));
        assertThat(answer.media().get(0).setup()).isEqualTo(answered);
    }

    @Test
    void missingAttributesDefaultAsRfc8841Says() {
        final SessionDescription base = DataChannelJsep.offer(ORIGIN, ICE, List.of(FINGERPRINT));
        final SessionDescription offer = base.toBuilder()
                .setMedia(0, base.media().get(0).toBuilder().sctpPort(null).maxMessageSize(null).build()).build();
        final TransportParameters parameters = DataChannelJsep.remoteParameters(offer);
        assertThat(parameters.sctpPort()).isEqualTo(5000);
        assertThat(parameters.maxMessageSize()).isEqualTo(65_536);
    }

    @Test
    void refusesDescriptionsWithoutAUsableDataChannel() throws IOException {
        final SessionDescription base = DataChannelJsep.offer(ORIGIN, ICE, List.of(FINGERPRINT));
        final MediaDescription data = base.media().get(0);

        final SessionDescription audioOnly = chromium("offer-audio-video-datachannel.sdp");
        final SessionDescription withoutData = audioOnly.toBuilder()
                .media(audioOnly.media().subList(0, 2)).groups(List.of()).build();
        assertThatThrownBy(() -> DataChannelJsep.remoteParameters(withoutData))
                .hasMessageContaining("no data channel section");
        assertThatThrownBy(() -> DataChannelJsep.remoteParameters(
                base.toBuilder().setMedia(0, data.toBuilder().port(0).build()).build()))
                .hasMessageContaining("no data channel section");
        assertThatThrownBy(() -> DataChannelJsep.remoteParameters(
                base.toBuilder().setMedia(0, data.toBuilder().setup(SetupRole.HOLDCONN).build()).build()))
                .hasMessageContaining("holdconn");
    }
}
