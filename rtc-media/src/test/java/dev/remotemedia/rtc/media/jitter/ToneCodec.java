package dev.remotemedia.rtc.media.jitter;

import java.nio.ByteBuffer;

/**
 * A synthetic codec for jitter-buffer tests: a packet carries its RTP timestamp and sample count,
 * and decodes to a sine tone at the phase of that timestamp, so the output of a buffer can be
 * checked sample by sample against the tone. Concealment continues the tone from the last sample
 * made, fading by half every 20 ms as a real PLC fades; in-band FEC (when the packet says it has
 * it) rebuilds the previous packet exactly.
 */
public final class ToneCodec implements PacketDecoder {
    public static final double FREQUENCY = 200.0;
    public static final double AMPLITUDE = 10_000.0;
    private final int rate;
    private final double[] period; // one period of the tone, when the rate holds a whole number of them
    private long nextPhaseSample = -1; // the timestamp the next concealed sample continues from
    private double concealGain = 1.0;

    public ToneCodec(int rate) {
        this.rate = rate;
        final int samples = (int) Math.round(rate / FREQUENCY);
        period = new double[samples];
        for (int i = 0; i < samples; i++) {
            period[i] = AMPLITUDE * Math.sin(2 * Math.PI * FREQUENCY * i / rate);
        }
    }

    /** A packet of {@code samples} starting at unwrapped {@code timestamp}; {@code fec}: it carries the previous one too. */
    public static byte[] packet(long timestamp, int samples, boolean fec) {
        return ByteBuffer.allocate(11).putLong(timestamp).putShort((short) samples).put((byte) (fec ? 1 : 0)).array();
    }

    /** The tone's value at timestamp {@code t}. */
    public double valueAt(long t) {
        return period[(int) Math.floorMod(t, (long) period.length)];
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int samplesOf(byte[] payload) {
        return payload.length == 11 ? ByteBuffer.wrap(payload).getShort(8) : -1;
    }

    @Override
    public int decode(byte[] payload, short[] out, int offset) {
        if (payload.length != 11) {
            return -1;
        }
        final ByteBuffer b = ByteBuffer.wrap(payload);
        final long ts = b.getLong();
        final int samples = b.getShort();
        write(ts, samples, out, offset, 1.0);
        nextPhaseSample = ts + samples;
        concealGain = 1.0;
        return samples;
    }

    @Override
    public int decodeFec(byte[] payload, short[] out, int offset, int samples) {
        if (payload.length != 11 || payload[10] == 0) {
            return -1;
        }
        final long ts = ByteBuffer.wrap(payload).getLong();
        write(ts - samples, samples, out, offset, 1.0);
        nextPhaseSample = ts;
        return samples;
    }

    @Override
    public void conceal(short[] out, int offset, int samples) {
        final long from = nextPhaseSample < 0 ? 0 : nextPhaseSample;
        final double fade = Math.pow(0.5, 1.0 / (rate / 50.0));
        for (int i = 0; i < samples; i++) {
            concealGain *= fade;
            out[offset + i] = (short) Math.round(valueAt(from + i) * concealGain);
        }
        nextPhaseSample = from + samples;
    }

    private void write(long ts, int samples, short[] out, int offset, double gain) {
        for (int i = 0; i < samples; i++) {
            out[offset + i] = (short) Math.round(valueAt(ts + i) * gain);
        }
    }
}
