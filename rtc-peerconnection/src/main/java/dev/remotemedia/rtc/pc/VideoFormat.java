package dev.remotemedia.rtc.pc;

import dev.remotemedia.codec.video.VideoCodecType;
import dev.remotemedia.codec.video.VideoCodecs;
import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.video.Av1Depacketizer;
import dev.remotemedia.rtc.rtp.video.Av1Packetizer;
import dev.remotemedia.rtc.rtp.video.H264Depacketizer;
import dev.remotemedia.rtc.rtp.video.H264Packetizer;
import dev.remotemedia.rtc.rtp.video.VideoDepacketizer;
import dev.remotemedia.rtc.rtp.video.VideoPacketizer;
import dev.remotemedia.rtc.rtp.video.Vp8Depacketizer;
import dev.remotemedia.rtc.rtp.video.Vp8Packetizer;
import dev.remotemedia.rtc.rtp.video.Vp9Depacketizer;
import dev.remotemedia.rtc.rtp.video.Vp9Packetizer;
import dev.remotemedia.rtc.sdp.RtpCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The video payload formats this stack negotiates: how each is named and numbered in SDP (the
 * payload types Chromium offers), which offered formats we can take, and their packetizers. All
 * use the 90 kHz RTP clock and are offered with RTX (RFC 4588), NACK, PLI and FIR.
 */
enum VideoFormat {
    VP8(VideoCodecType.VP8, "VP8", 96, 97, null),
    VP9(VideoCodecType.VP9, "VP9", 98, 99, "profile-id=0"),
    /** Constrained baseline 3.1, packetization mode 1 (RFC 6184): what OpenH264 makes and every browser takes. */
    H264(VideoCodecType.H264, "H264", 102, 103, "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"),
    AV1(VideoCodecType.AV1, "AV1", 45, 46, null);

    static final int CLOCK_RATE = 90_000;
    static final String RTX = "rtx";

    private final VideoCodecType codec;
    private final String sdpName;
    private final int payloadType;
    private final int rtxPayloadType;
    private final @Nullable String fmtp;

    VideoFormat(VideoCodecType codec, String sdpName, int payloadType, int rtxPayloadType, @Nullable String fmtp) {
        this.codec = codec;
        this.sdpName = sdpName;
        this.payloadType = payloadType;
        this.rtxPayloadType = rtxPayloadType;
        this.fmtp = fmtp;
    }

    VideoCodecType codec() {
        return codec;
    }

    String sdpName() {
        return sdpName;
    }

    /** The payload type of our offers. */
    int payloadType() {
        return payloadType;
    }

    /** The payload type of the format's RTX in our offers. */
    int rtxPayloadType() {
        return rtxPayloadType;
    }

    /** The {@code a=fmtp} parameters of our offers and answers, or {@code null}. */
    @Nullable String fmtp() {
        return fmtp;
    }

    static VideoFormat of(VideoCodecType codec) {
        for (VideoFormat format : values()) {
            if (format.codec == codec) {
                return format;
            }
        }
        throw new AssertionError(codec);
    }

    /** Whether a remote description's codec is this format, with parameters we can send and receive. */
    boolean matches(RtpCodec offered) {
        if (!offered.is(sdpName) || offered.clockRate() != CLOCK_RATE) {
            return false;
        }
        return switch (this) {
            case VP8 -> true;
            case VP9 -> {
                final String profile = offered.parameters().get("profile-id");
                yield profile == null || profile.equals("0");
            }
            case H264 -> {
                // Mode 1 only, and a baseline-compatible profile (constrained baseline 42e0 or baseline 4200):
                // that is what our encoder makes and what the level-asymmetry rule lets us send.
                final String mode = offered.parameters().get("packetization-mode");
                final String profile = offered.parameters().get("profile-level-id");
                yield "1".equals(mode) && profile != null && profile.length() == 6
                      && (profile.toLowerCase(Locale.ROOT).startsWith("42e0")
                          || profile.toLowerCase(Locale.ROOT).startsWith("4200"));
            }
            case AV1 -> {
                final String profile = offered.parameters().get("profile");
                yield profile == null || profile.equals("0");
            }
        };
    }

    /** A packetizer for one sending stream (VP8 and VP9 number their pictures from a random start). */
    VideoPacketizer packetizer() {
        return switch (this) {
            case VP8 -> new Vp8Packetizer(ThreadLocalRandom.current().nextInt(0x8000));
            case VP9 -> new Vp9Packetizer(ThreadLocalRandom.current().nextInt(0x8000));
            case H264 -> new H264Packetizer();
            case AV1 -> new Av1Packetizer();
        };
    }

    /** The format's depacketizer (stateless). */
    VideoDepacketizer depacketizer() {
        return switch (this) {
            case VP8 -> new Vp8Depacketizer();
            case VP9 -> new Vp9Depacketizer();
            case H264 -> new H264Depacketizer();
            case AV1 -> new Av1Depacketizer();
        };
    }

    /** The formats of {@code preference} whose encoder and decoder this process has, in that order. */
    static List<VideoFormat> available(List<VideoCodecType> preference) {
        final List<VideoFormat> formats = new ArrayList<>();
        for (VideoCodecType codec : preference) {
            if (VideoCodecs.isAvailable(codec) && !formats.contains(of(codec))) {
                formats.add(of(codec));
            }
        }
        return formats;
    }

    /** The format a remote codec is, if we have it among {@code ours}; else {@code null}. */
    static @Nullable VideoFormat match(RtpCodec remote, List<VideoFormat> ours) {
        for (VideoFormat format : ours) {
            if (format.matches(remote)) {
                return format;
            }
        }
        return null;
    }
}
