package dev.remotemedia.rtc.sctp.packet;

/** Parses a chunk of any type, for {@link SctpPacket}. */
final class Chunks {

    private Chunks() {}

    /**
     * Parses the chunk at {@code buf[off .. off + len)}, {@code len} being its checked Length (at
     * least 4), as the class its type byte names.
     */
    static ParseResult<? extends Chunk> parse(byte[] buf, int off, int len) {
        switch (buf[off] & 0xFF) {
            case DataChunk.TYPE:
                return DataChunk.parse(buf, off, len);
            case InitChunk.TYPE:
                return InitChunk.parse(buf, off, len);
            case InitAckChunk.TYPE:
                return InitAckChunk.parse(buf, off, len);
            case SackChunk.TYPE:
                return SackChunk.parse(buf, off, len);
            case HeartbeatRequestChunk.TYPE:
                return HeartbeatRequestChunk.parse(buf, off, len);
            case HeartbeatAckChunk.TYPE:
                return HeartbeatAckChunk.parse(buf, off, len);
            case AbortChunk.TYPE:
                return AbortChunk.parse(buf, off, len);
            case ShutdownChunk.TYPE:
                return ShutdownChunk.parse(buf, off, len);
            case ShutdownAckChunk.TYPE:
                return ShutdownAckChunk.parse(buf, off, len);
            case ErrorChunk.TYPE:
                return ErrorChunk.parse(buf, off, len);
            case CookieEchoChunk.TYPE:
                return CookieEchoChunk.parse(buf, off, len);
            case CookieAckChunk.TYPE:
                return CookieAckChunk.parse(buf, off, len);
            case ShutdownCompleteChunk.TYPE:
                return ShutdownCompleteChunk.parse(buf, off, len);
            case ReConfigChunk.TYPE:
                return ReConfigChunk.parse(buf, off, len);
            case ForwardTsnChunk.TYPE:
                return ForwardTsnChunk.parse(buf, off, len);
            default:
                return UnknownChunk.parse(buf, off, len);
        }
    }
}
