package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/**
 * INIT chunk, <a href="https://www.rfc-editor.org/rfc/rfc9260#section-3.3.2">RFC 9260 §3.3.2</a>:
 * opens an association. The initiator names the verification tag it expects ({@code initiateTag}),
 * its receive window, stream counts and first TSN; its parameters announce extensions ({@link
 * SupportedExtensionsParameter}, {@link ForwardTsnSupportedParameter}, {@link
 * ZeroChecksumAcceptableParameter}).
 *
 * <pre>{@code
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    Type = 1   |  Chunk Flags  |      Chunk Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Initiate Tag                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Advertised Receiver Window Credit (a_rwnd)           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Number of Outbound Streams   |   Number of Inbound Streams   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Initial TSN                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * \                                                               \
 * /              Optional/Variable-Length Parameters              /
 * \                                                               \
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * }</pre>
 *
 * <p>The parser checks the layout only; protocol rules (a zero initiate tag or stream count means
 * ABORT, §5.1) are the association's.
 *
 * @param initiateTag the verification tag the sender expects in packets to it, {@code
 *     0..4294967295}
 * @param advertisedReceiverWindowCredit a_rwnd: the sender's receive buffer in bytes
 * @param outboundStreams how many streams the sender wants to send on, {@code 0..65535}
 * @param inboundStreams how many streams the sender accepts, {@code 0..65535}
 * @param initialTsn the TSN of the sender's first DATA chunk
 * @param parameters the parameters in wire order, unknown ones as {@link UnknownParameter}
 */
public record InitChunk(long initiateTag, long advertisedReceiverWindowCredit, int outboundStreams,
                        int inboundStreams, long initialTsn, List<Parameter> parameters) implements Chunk {

    public static final int TYPE = 1;
    private static final String NAME = "INIT chunk";

    public InitChunk {
        parameters = InitLayout.check(NAME, initiateTag, advertisedReceiverWindowCredit, outboundStreams,
                                      inboundStreams, initialTsn, parameters);
    }

    /** Parses the chunk at {@code buf[off .. off + len)}; bytes past its Length are ignored. */
    public static ParseResult<InitChunk> parse(byte[] buf, int off, int len) {
        return InitLayout.parse(NAME, TYPE, buf, off, len, InitChunk::new);
    }

    /** Returns the first parameter of class {@code type}, or {@code null} if there is none. */
    public <P extends Parameter> @Nullable P parameter(Class<P> type) {
        return Parameters.find(parameters, type);
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public int length() {
        return InitLayout.FIXED_LENGTH + Parameters.length(parameters);
    }

    @Override
    public int serializeTo(byte[] dst, int off) {
        return InitLayout.serialize(dst, off, TYPE, length(), serializedSize(), initiateTag,
                                    advertisedReceiverWindowCredit, outboundStreams, inboundStreams,
                                    initialTsn, parameters);
    }
}
