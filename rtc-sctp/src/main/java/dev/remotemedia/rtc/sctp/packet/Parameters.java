package dev.remotemedia.rtc.sctp.packet;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;

/** Parsing and writing lists of {@link Parameter}s, for the chunks that carry them. */
final class Parameters {

    private Parameters() {}

    /** Parses the parameters in {@code buf[off .. off + len)}. */
    static ParseResult<List<Parameter>> parseAll(String what, byte[] buf, int off, int len) {
        return Tlv.parseList(what + " parameter", buf, off, len, Parameters::parse);
    }

    /** Parses the parameter at {@code buf[off .. off + len)}, {@code len} being its checked length. */
    static ParseResult<? extends Parameter> parse(byte[] buf, int off, int len) {
        final int type = (buf[off] & 0xFF) << 8 | buf[off + 1] & 0xFF;
        switch (type) {
            case HeartbeatInfoParameter.TYPE:
                return HeartbeatInfoParameter.parse(buf, off, len);
            case StateCookieParameter.TYPE:
                return StateCookieParameter.parse(buf, off, len);
            case UnrecognizedParameterParameter.TYPE:
                return UnrecognizedParameterParameter.parse(buf, off, len);
            case SupportedExtensionsParameter.TYPE:
                return SupportedExtensionsParameter.parse(buf, off, len);
            case ForwardTsnSupportedParameter.TYPE:
                return ForwardTsnSupportedParameter.parse(buf, off, len);
            case ZeroChecksumAcceptableParameter.TYPE:
                return ZeroChecksumAcceptableParameter.parse(buf, off, len);
            case OutgoingSsnResetRequestParameter.TYPE:
                return OutgoingSsnResetRequestParameter.parse(buf, off, len);
            case IncomingSsnResetRequestParameter.TYPE:
                return IncomingSsnResetRequestParameter.parse(buf, off, len);
            case ReconfigurationResponseParameter.TYPE:
                return ReconfigurationResponseParameter.parse(buf, off, len);
            case AddOutgoingStreamsRequestParameter.TYPE:
                return AddOutgoingStreamsRequestParameter.parse(buf, off, len);
            case AddIncomingStreamsRequestParameter.TYPE:
                return AddIncomingStreamsRequestParameter.parse(buf, off, len);
            default:
                return UnknownParameter.parse(buf, off, len);
        }
    }

    /**
     * Returns the Length a chunk gives to {@code parameters}: every one padded but the last (RFC
     * 9260 §3.2: the chunk's own padding covers it).
     */
    static int length(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            return 0;
        }
        int length = 0;
        for (Parameter parameter : parameters) {
            length += parameter.serializedSize();
        }
        final Parameter last = parameters.get(parameters.size() - 1);
        return length - last.serializedSize() + last.length();
    }

    /** Writes {@code parameters}, each padded, at {@code dst[pos]}; returns the end. */
    static int writeAll(List<Parameter> parameters, byte[] dst, int pos) {
        for (Parameter parameter : parameters) {
            pos = parameter.serializeTo(dst, pos);
        }
        return pos;
    }

    /** Returns the first of {@code parameters} of class {@code type}, or {@code null}. */
    static <P extends Parameter> @Nullable P find(List<Parameter> parameters, Class<P> type) {
        for (Parameter parameter : parameters) {
            if (type.isInstance(parameter)) {
                return type.cast(parameter);
            }
        }
        return null;
    }
}
