package dev.remotemedia.codec;

/** Which Opus library does the work behind {@link OpusEncoder} and {@link OpusDecoder}. */
public enum OpusImplementation {
    /**
     * Concentus ({@code io.github.jaredmdobson:concentus}): a pure-Java port of libopus 1.1.2. Always
     * available; no natives. The default: see {@link OpusCodecs}.
     */
    CONCENTUS,
    /**
     * libopus 1.3.1 inside FFmpeg's libavcodec ({@code org.bytedeco:ffmpeg}, through JavaCPP). Only
     * when the optional FFmpeg and JavaCPP jars with their {@code linux-x86_64} natives are on the
     * classpath: see {@link OpusCodecs#unavailableReason(OpusImplementation)}. libavcodec's wrapper
     * lacks a few libopus controls, so: a setter on a running encoder reopens the native encoder
     * before the next frame; DTX is done by our wrapper (1–2 byte packets of empty frames after 200
     * ms of silence); in-band FEC of mono packets is decoded by a Concentus decoder, stereo packets
     * are concealed instead.
     */
    LIBOPUS
}
