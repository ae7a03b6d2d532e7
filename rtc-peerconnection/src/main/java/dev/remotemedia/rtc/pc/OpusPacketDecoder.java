package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.OpusDecoder;
import dev.remotemedia.codec.OpusPacketException;
import dev.remotemedia.rtc.media.jitter.PacketDecoder;
import dev.remotemedia.rtc.rtp.OpusPayload;

/** The jitter buffer's view of an Opus decoder (RFC 6716, RFC 7587): sizes from the TOC, PLC and in-band FEC. */
final class OpusPacketDecoder implements PacketDecoder {
    private final OpusDecoder decoder;

    OpusPacketDecoder(OpusDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public int channels() {
        return decoder.channels();
    }

    @Override
    public int samplesOf(byte[] payload) {
        return OpusPayload.parse(payload, 0, payload.length) instanceof dev.remotemedia.rtc.rtp.ParseResult.Ok<OpusPayload> ok
               ? ok.value().samplesPerChannel() : -1;
    }

    @Override
    public int decode(byte[] payload, short[] out, int offset) {
        try {
            return decoder.decode(payload, 0, payload.length, out, offset);
        } catch (OpusPacketException e) {
            return -1;
        }
    }

    @Override
    public int decodeFec(byte[] payload, short[] out, int offset, int samples) {
        // RFC 6716 §2.1.7: only SILK and hybrid frames carry LBRR (FEC) data; for CELT the caller
        // conceals. (Whether a SILK frame has it is range-coded; the decoder conceals when it has not.)
        if (!(OpusPayload.parse(payload, 0, payload.length) instanceof dev.remotemedia.rtc.rtp.ParseResult.Ok<OpusPayload> ok)
            || ok.value().mode() == OpusPayload.Mode.CELT_ONLY) {
            return -1;
        }
        try {
            return decoder.decodeFec(payload, 0, payload.length, out, offset, samples);
        } catch (OpusPacketException e) {
            return -1;
        }
    }

    @Override
    public void conceal(short[] out, int offset, int samples) {
        decoder.conceal(out, offset, samples);
    }

    void close() {
        decoder.close();
    }
}
