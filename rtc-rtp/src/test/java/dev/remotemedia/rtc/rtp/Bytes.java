package dev.remotemedia.rtc.rtp;

import java.util.HexFormat;

/** Test bytes written as hex, with spaces and line breaks for readability. */
final class Bytes {

    private Bytes() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
