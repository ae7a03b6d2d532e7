package dev.remotemedia.rtc.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTest {

    /** The table of DESIGN.md §5.1 and §5.2, written out so a change to either side fails here. */
    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
        "PARSE_ERROR,         -32700, INVALID_ARGUMENT",
        "INVALID_REQUEST,     -32600, INVALID_ARGUMENT",
        "METHOD_NOT_FOUND,    -32601, UNIMPLEMENTED",
        "INVALID_PARAMS,      -32602, INVALID_ARGUMENT",
        "INTERNAL,            -32603, INTERNAL",
        "PEER_NOT_FOUND,      -32000, NOT_FOUND",
        "CONNECTION_FAILED,   -32001, UNAVAILABLE",
        "OFFER_INVALID,       -32002, INVALID_ARGUMENT",
        "ANSWER_INVALID,      -32003, INVALID_ARGUMENT",
        "PEER_ALREADY_EXISTS, -32004, ALREADY_EXISTS",
        "MAX_PEERS_REACHED,   -32005, RESOURCE_EXHAUSTED",
        "NOT_ANNOUNCED,       -32006, FAILED_PRECONDITION",
        "UNAUTHORIZED,        -32007, UNAUTHENTICATED",
        "TIMEOUT,             -32008, DEADLINE_EXCEEDED",
        "INVALID_CONFIG,      -32602, INVALID_ARGUMENT",
        "NOT_AVAILABLE,       -32601, UNIMPLEMENTED",
    })
    void mapsToJsonRpcAndGrpc(ErrorCode code, int jsonRpc, GrpcStatusCode grpc) {
        assertThat(code.jsonRpcCode()).isEqualTo(jsonRpc);
        assertThat(code.grpcStatus()).isEqualTo(grpc);
    }

    @Test
    void everyCodeIsInTheTable() throws Exception {
        final String[] rows = ErrorCodeTest.class.getDeclaredMethod("mapsToJsonRpcAndGrpc", ErrorCode.class,
                                                                    int.class, GrpcStatusCode.class)
                                                 .getAnnotation(org.junit.jupiter.params.provider.CsvSource.class)
                                                 .value();
        final java.util.Set<String> tabled = java.util.Arrays.stream(rows).map(row -> row.split(",")[0].strip())
                                                             .collect(java.util.stream.Collectors.toSet());
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(tabled).as("codes with a row in the table").contains(code.name());
        }
    }

    @Test
    void grpcStatusValuesAreTheWireValues() {
        assertThat(GrpcStatusCode.OK.value()).isZero();
        assertThat(GrpcStatusCode.INVALID_ARGUMENT.value()).isEqualTo(3);
        assertThat(GrpcStatusCode.RESOURCE_EXHAUSTED.value()).isEqualTo(8);
        assertThat(GrpcStatusCode.UNAUTHENTICATED.value()).isEqualTo(16);
        for (GrpcStatusCode status : GrpcStatusCode.values()) {
            assertThat(status.value()).isEqualTo(status.ordinal());
        }
    }

    @Test
    void exceptionCarriesCodeAndMessage() {
        final RemoteMediaException e = new RemoteMediaException(ErrorCode.PEER_NOT_FOUND, "to: peer-x is not announced");
        assertThat(e.code()).isEqualTo(ErrorCode.PEER_NOT_FOUND);
        assertThat(e.getMessage()).isEqualTo("to: peer-x is not announced");
        assertThat(e).hasToString("PEER_NOT_FOUND: to: peer-x is not announced");
    }
}
