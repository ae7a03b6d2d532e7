package dev.remotemedia.signaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.remotemedia.rtc.common.error.ErrorCode;
import dev.remotemedia.rtc.common.error.RemoteMediaException;
import dev.remotemedia.signaling.jsonrpc.Params;
import org.junit.jupiter.api.Test;

class OfferTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Params params(String json) throws Exception {
        return Params.of(JSON.readTree(json));
    }

    @Test
    void aPipelineNameRoundTripsThroughParams() throws Exception {
        final Offer offer = new Offer("a", "remotemedia-server", "v=0", true, "r1", "text-upper");
        final JsonNode node = offer.toParams();
        assertThat(node.get("pipeline").asText()).isEqualTo("text-upper");
        assertThat(Offer.fromParams(Params.of(node), "fallback")).isEqualTo(offer);
    }

    @Test
    void anOfferWithoutAPipelineHasNoneAndWritesNone() throws Exception {
        final Offer offer = Offer.fromParams(params("{\"from\":\"a\",\"to\":\"b\",\"sdp\":\"v=0\"}"), "7");
        assertThat(offer.pipeline()).isNull();
        assertThat(offer.requestId()).isEqualTo("7");
        assertThat(offer.toParams().has("pipeline")).isFalse();
        assertThat(new Offer("a", "b", "v=0", true, "7")).isEqualTo(offer);
    }

    @Test
    void aPipelineThatIsNotANameIsInvalidParams() {
        assertThatThrownBy(() -> Offer.fromParams(params("{\"from\":\"a\",\"to\":\"b\",\"sdp\":\"\",\"pipeline\":7}"), "1"))
                .isInstanceOfSatisfying(RemoteMediaException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMS))
                .hasMessageContaining("params.pipeline: expected a string");
        assertThatThrownBy(() -> Offer.fromParams(params("{\"from\":\"a\",\"to\":\"b\",\"sdp\":\"\",\"pipeline\":\"\"}"), "1"))
                .hasMessageContaining("params.pipeline: 0 characters");
        final String longName = "p".repeat(Offer.MAX_PIPELINE_NAME_LENGTH + 1);
        assertThatThrownBy(() -> Offer.fromParams(
                params("{\"from\":\"a\",\"to\":\"b\",\"sdp\":\"\",\"pipeline\":\"" + longName + "\"}"), "1"))
                .hasMessageContaining("params.pipeline: 129 characters");
        assertThatThrownBy(() -> new Offer("a", "b", "", true, "1", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
