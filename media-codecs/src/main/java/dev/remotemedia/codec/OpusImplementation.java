package dev.remotemedia.codec;

/** Which Opus library does the work behind {@link OpusEncoder} and {@link OpusDecoder}. */
public enum OpusImplementation {
    /**
     * Concentus ({@code io.github.jaredmdobson:concentus}): a pure-Java port of libopus 1.1.2. Always
     * available; no natives.
     */
    CONCENTUS,
    /**
     * libopus 1.3.1 inside FFmpeg's libavcodec ({@code org.bytedeco:ffmpeg}, through JavaCPP). Only
     * when the optional FFmpeg and JavaCPP jars with their {@code linux-x86_64} natives are on the
     * classpath: see {@link OpusCodecs#unavailableReason(OpusImplementation)}.
     */
    LIBOPUS
}
