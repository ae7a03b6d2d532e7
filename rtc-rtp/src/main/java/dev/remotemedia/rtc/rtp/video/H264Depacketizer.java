package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.ByteView;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.ParseResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Depacketizes H.264 in packetization mode 1 (<a
 * href="https://www.rfc-editor.org/rfc/rfc6184#section-6.3">RFC 6184 §6.3</a>): single NAL unit
 * packets, STAP-A (§5.7.1) and FU-A (§5.8). STAP-B, MTAP and FU-B belong to the interleaved mode
 * and are rejected, as are the undefined types 0, 30 and 31. Frames come out as an Annex B byte
 * stream with four-byte start codes ({@link #assemble}) or as a list of NAL units ({@link
 * #assembleNals}).
 *
 * <p>H.264 has no start-of-frame flag, so {@link #inspect} reads one from the first NAL unit: an
 * access unit delimiter, SEI or parameter set, or the slice with first_mb_in_slice 0 (H.264
 * §7.4.1.2.3). So when the packet with a keyframe's SPS and PPS is lost, its IDR slice still reads
 * as a keyframe start; it decodes if the decoder kept earlier parameter sets, and otherwise the
 * decoder's error asks for a keyframe.
 */
public final class H264Depacketizer implements VideoDepacketizer {

    private static final String NAME = "H264 payload: ";

    @Override
    public ParseResult<PayloadInfo> inspect(ByteView payload) {
        requireNonNull(payload, "payload");
        final byte[] buf = payload.array();
        final int off = payload.arrayOffset();
        final int len = payload.length();
        if (len == 0) {
            return ParseResult.error(NAME + "empty (expected: at least the NAL unit header)");
        }
        final int header = buf[off] & 0xFF;
        final int type = H264.nalType(header);
        if (type >= 1 && type <= 23) {
            return ParseResult.ok(new PayloadInfo(H264.opensAccessUnit(header, len > 1 ? buf[off + 1] & 0xFF : -1),
                                                  H264.isKeyframeNal(type)));
        }
        if (type == H264.STAP_A) {
            boolean keyframe = false;
            boolean start = false;
            int pos = off + 1;
            final int end = off + len;
            if (pos == end) {
                return ParseResult.error(NAME + "STAP-A with no NAL unit (expected: at least one, RFC 6184 §5.7.1)");
            }
            while (pos < end) {
                final String error = checkStapUnit(buf, pos, end);
                if (error != null) {
                    return ParseResult.error(error);
                }
                final int size = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
                final int nalHeader = buf[pos + 2] & 0xFF;
                if (pos == off + 1) {
                    start = H264.opensAccessUnit(nalHeader, size > 1 ? buf[pos + 3] & 0xFF : -1);
                }
                keyframe |= H264.isKeyframeNal(H264.nalType(nalHeader));
                pos += 2 + size;
            }
            return ParseResult.ok(new PayloadInfo(start, keyframe));
        }
        if (type == H264.FU_A) {
            if (len < 3) {
                return ParseResult.error(NAME + "FU-A of " + len + " bytes (expected: >= 3, RFC 6184 §5.8)");
            }
            final int fuHeader = buf[off + 1] & 0xFF;
            if ((fuHeader & 0x80) == 0) {
                return ParseResult.ok(new PayloadInfo(false, false));
            }
            final int nalHeader = header & 0xE0 | H264.nalType(fuHeader);
            return ParseResult.ok(new PayloadInfo(H264.opensAccessUnit(nalHeader, buf[off + 2] & 0xFF),
                                                  H264.isKeyframeNal(H264.nalType(fuHeader))));
        }
        return ParseResult.error(unsupported(type));
    }

    @Override
    public ParseResult<byte[]> assemble(List<ByteView> payloads, int maxFrameSize) {
        final FrameWriter out = new FrameWriter(maxFrameSize);
        final String error = depacketize(payloads, maxFrameSize, new NalSink() {
            @Override
            public boolean begin() {
                return out.write(0) && out.write(0) && out.write(0) && out.write(1);
            }

            @Override
            public boolean append(byte[] buf, int off, int len) {
                return out.write(buf, off, len);
            }
        });
        if (error != null) {
            return ParseResult.error(error);
        }
        return ParseResult.ok(out.toByteArray());
    }

    /**
     * Returns the NAL units (without start codes) carried by {@code payloads}, the payloads of one
     * access unit in order; an error as for {@link #assemble}.
     */
    public ParseResult<List<byte[]>> assembleNals(List<ByteView> payloads, int maxFrameSize) {
        final List<byte[]> nals = new ArrayList<>();
        final FrameWriter[] current = new FrameWriter[1];
        final int[] total = new int[1];
        final String error = depacketize(payloads, maxFrameSize, new NalSink() {
            @Override
            public boolean begin() {
                if (current[0] != null) {
                    total[0] += current[0].size();
                    nals.add(current[0].toByteArray());
                }
                current[0] = new FrameWriter(maxFrameSize - total[0]);
                return true;
            }

            @Override
            public boolean append(byte[] buf, int off, int len) {
                return current[0].write(buf, off, len);
            }
        });
        if (error != null) {
            return ParseResult.error(error);
        }
        if (current[0] != null) {
            nals.add(current[0].toByteArray());
        }
        return ParseResult.ok(nals);
    }

    /** Where depacketized NAL units go: {@code begin} opens one, {@code append} adds its bytes. */
    private interface NalSink {
        boolean begin();

        boolean append(byte[] buf, int off, int len);
    }

    /** Feeds the NAL units of {@code payloads} to {@code sink}; returns the first error, or null. */
    private static @Nullable String depacketize(List<ByteView> payloads, int maxFrameSize, NalSink sink) {
        requireNonNull(payloads, "payloads");
        if (payloads.isEmpty()) {
            return NAME + "no payloads (expected: the packets of one access unit)";
        }
        final String tooLarge = NAME + "access unit larger than " + maxFrameSize + " bytes (the maximum frame size)";
        boolean inFragment = false;
        for (ByteView payload : payloads) {
            final byte[] buf = payload.array();
            final int off = payload.arrayOffset();
            final int len = payload.length();
            final int end = off + len;
            if (len == 0) {
                return NAME + "empty (expected: at least the NAL unit header)";
            }
            final int header = buf[off] & 0xFF;
            final int type = H264.nalType(header);
            if (inFragment && type != H264.FU_A) {
                return NAME + "FU-A without its end fragment (expected: a fragment with E=1, "
                                         + "RFC 6184 §5.8)";
            }
            if (type >= 1 && type <= 23) {
                if (!sink.begin() || !sink.append(buf, off, len)) {
                    return tooLarge;
                }
            } else if (type == H264.STAP_A) {
                if (len == 1) {
                    return NAME + "STAP-A with no NAL unit (expected: at least one, RFC 6184 §5.7.1)";
                }
                for (int pos = off + 1; pos < end; ) {
                    final String error = checkStapUnit(buf, pos, end);
                    if (error != null) {
                        return error;
                    }
                    final int size = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
                    if (!sink.begin() || !sink.append(buf, pos + 2, size)) {
                        return tooLarge;
                    }
                    pos += 2 + size;
                }
            } else if (type == H264.FU_A) {
                if (len < 3) {
                    return NAME + "FU-A of " + len + " bytes (expected: >= 3, RFC 6184 §5.8)";
                }
                final int fuHeader = buf[off + 1] & 0xFF;
                final boolean first = (fuHeader & 0x80) != 0;
                final boolean last = (fuHeader & 0x40) != 0;
                if (first) {
                    if (inFragment) {
                        return NAME + "FU-A start before the previous NAL unit's end fragment "
                                                 + "(expected: E=1 first, RFC 6184 §5.8)";
                    }
                    if (!sink.begin() || !sink.append(new byte[] {(byte) (header & 0xE0 | H264.nalType(fuHeader))}, 0, 1)) {
                        return tooLarge;
                    }
                } else if (!inFragment) {
                    return NAME + "FU-A fragment without its start (expected: S=1 first, "
                                             + "RFC 6184 §5.8)";
                }
                if (!sink.append(buf, off + 2, len - 2)) {
                    return tooLarge;
                }
                inFragment = !last;
            } else {
                return unsupported(type);
            }
        }
        if (inFragment) {
            return NAME + "FU-A without its end fragment (expected: a fragment with E=1, "
                                     + "RFC 6184 §5.8)";
        }
        return null;
    }

    private static @Nullable String checkStapUnit(byte[] buf, int pos, int end) {
        if (end - pos < 2) {
            return NAME + "STAP-A with " + (end - pos) + " byte(s) left for a NAL unit size (expected: 2)";
        }
        final int size = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        if (size == 0 || size > end - pos - 2) {
            return NAME + "STAP-A NAL unit size " + size + " (expected: 1.." + (end - pos - 2)
                   + ", the bytes left, RFC 6184 §5.7.1)";
        }
        return null;
    }

    private static String unsupported(int type) {
        if (type == 25 || type == 26 || type == 27 || type == 29) {
            return NAME + "NAL unit type " + type + " (expected: 1..23, 24 (STAP-A) or 28 (FU-A); STAP-B, MTAP and "
                   + "FU-B belong to the interleaved mode, RFC 6184 §6.3)";
        }
        return NAME + "NAL unit type " + type + " (expected: 1..23, 24 (STAP-A) or 28 (FU-A))";
    }
}
