package dev.remotemedia.transport;

/** Video codecs the transport can negotiate; the configured one is offered first. */
public enum VideoCodec {
    VP8,
    VP9,
    H264,
    AV1
}
