package dev.remotemedia.signaling.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GrpcWebFramesTest {

    @Test
    void aMessageFrameIsTheFlagTheBigEndianLengthAndTheBytes() {
        assertThat(GrpcWebFrames.messageFrame(new byte[] {0x0a, 0x01, 0x31}))
                .containsExactly(0x00, 0x00, 0x00, 0x00, 0x03, 0x0a, 0x01, 0x31);
    }

    @Test
    void theTrailerFrameCarriesStatusAndPercentEncodedMessage() {
        final byte[] frame = GrpcWebFrames.trailerFrame(9, "seq: 5 waited 100% é");
        assertThat(frame[0] & 0xff).isEqualTo(0x80);
        final String text = new String(frame, 5, frame.length - 5, StandardCharsets.US_ASCII);
        assertThat(text).isEqualTo("grpc-status:9\r\ngrpc-message:seq: 5 waited 100%25 %C3%A9\r\n");
        assertThat(((frame[3] & 0xff) << 8) | (frame[4] & 0xff)).isEqualTo(text.length());
    }

    @Test
    void aRequestRoundTripsInBinaryAndText() {
        final byte[] message = "hello".getBytes(StandardCharsets.US_ASCII);
        final byte[] frame = GrpcWebFrames.messageFrame(message);
        assertThat(GrpcWebFrames.decodeRequest(frame, false, 100).message()).isEqualTo(message);
        assertThat(GrpcWebFrames.decodeRequest(Base64.getEncoder().encode(frame), true, 100).message())
                .isEqualTo(message);
    }

    @Test
    void textBodiesMayBeSeveralPaddedChunks() {
        final byte[] one = Base64.getEncoder().encode(new byte[] {1});
        final byte[] two = Base64.getEncoder().encode(new byte[] {2, 3});
        final byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        assertThat(new String(both, StandardCharsets.US_ASCII)).isEqualTo("AQ==AgM=");
        assertThat(GrpcWebFrames.decodeBase64Chunks(both)).containsExactly(1, 2, 3);
        assertThat(GrpcWebFrames.decodeBase64Chunks("not base64!".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void badBodiesAreRefusedWithTheirStatus() {
        assertThat(GrpcWebFrames.decodeRequest(new byte[] {0, 0, 0}, false, 100).status()).isEqualTo("INVALID_ARGUMENT");
        assertThat(GrpcWebFrames.decodeRequest(new byte[] {0, 0, 0, 0, 9, 1}, false, 100).error())
                .isEqualTo("truncated gRPC-Web frame: it announces 9 bytes and holds 1");
        assertThat(GrpcWebFrames.decodeRequest(new byte[] {0, 0, 0, 0, 1, 1, 2}, false, 100).error())
                .contains("exactly one message");
        assertThat(GrpcWebFrames.decodeRequest(new byte[] {1, 0, 0, 0, 1, 1}, false, 100).status())
                .isEqualTo("UNIMPLEMENTED");
        assertThat(GrpcWebFrames.decodeRequest(new byte[] {(byte) 0x80, 0, 0, 0, 0}, false, 100).status())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(GrpcWebFrames.decodeRequest(new byte[] {0, 0x7f, 0, 0, 0}, false, 100).status())
                .isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(GrpcWebFrames.decodeRequest("@@@@".getBytes(StandardCharsets.US_ASCII), true, 100).error())
                .contains("not base64");
    }
}
