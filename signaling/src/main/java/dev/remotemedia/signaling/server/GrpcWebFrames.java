package dev.remotemedia.signaling.server;

import dev.remotemedia.rtc.common.Nullable;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The gRPC-Web body format (the gRPC-Web protocol, "PROTOCOL-WEB.md" of grpc/grpc), sans-I/O:
 * every message is a frame of a flag byte, a 4-byte big-endian length and the bytes; the trailers
 * come last as a frame whose flag has the 0x80 bit set, holding {@code name:value\r\n} lines.
 * In {@code application/grpc-web-text} the frames travel base64-encoded; each frame is encoded on
 * its own (with padding), and a request body may be such a sequence of padded chunks.
 *
 * <pre>
 *  0               1               2               3               4
 * +---------------+---------------+---------------+---------------+---------------+----
 * |  flags (0x00 message, 0x01 compressed, 0x80 trailers)        length (big-endian)   | bytes...
 * +---------------+---------------+---------------+---------------+---------------+----
 * </pre>
 */
final class GrpcWebFrames {
    static final int HEADER_BYTES = 5;
    private static final int TRAILERS_FLAG = 0x80;
    private static final int COMPRESSED_FLAG = 0x01;

    /** A decoded request body: its one message, or why it is not one ({@code status} a gRPC status name). */
    record Decoded(byte @Nullable [] message, @Nullable String status, @Nullable String error) {
        static Decoded ok(byte[] message) {
            return new Decoded(message, null, null);
        }

        static Decoded fail(String status, String error) {
            return new Decoded(null, status, error);
        }
    }

    private GrpcWebFrames() {}

    /** The frame of one message. */
    static byte[] messageFrame(byte[] message) {
        return frame(0, message);
    }

    /** The trailer frame with {@code grpc-status} and, when not empty, the percent-encoded {@code grpc-message}. */
    static byte[] trailerFrame(int status, String message) {
        final StringBuilder text = new StringBuilder("grpc-status:").append(status).append("\r\n");
        if (!message.isEmpty()) {
            text.append("grpc-message:").append(percentEncode(message)).append("\r\n");
        }
        return frame(TRAILERS_FLAG, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] frame(int flags, byte[] payload) {
        final byte[] frame = new byte[HEADER_BYTES + payload.length];
        frame[0] = (byte) flags;
        frame[1] = (byte) (payload.length >>> 24);
        frame[2] = (byte) (payload.length >>> 16);
        frame[3] = (byte) (payload.length >>> 8);
        frame[4] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, HEADER_BYTES, payload.length);
        return frame;
    }

    /** {@code bytes} for the wire: as they are, or base64 in text mode. */
    static byte[] encode(byte[] bytes, boolean text) {
        return text ? Base64.getEncoder().encode(bytes) : bytes;
    }

    /**
     * Reads a request body that must hold exactly one uncompressed message of at most
     * {@code maxMessageBytes}: INVALID_ARGUMENT for a truncated or extra frame, bad base64 or a
     * trailer frame, UNIMPLEMENTED for a compressed one, RESOURCE_EXHAUSTED when too long.
     */
    static Decoded decodeRequest(byte[] body, boolean text, int maxMessageBytes) {
        final byte[] bytes;
        if (text) {
            final byte[] decoded = decodeBase64Chunks(body);
            if (decoded == null) {
                return Decoded.fail("INVALID_ARGUMENT", "the grpc-web-text body is not base64");
            }
            bytes = decoded;
        } else {
            bytes = body;
        }
        if (bytes.length < HEADER_BYTES) {
            return Decoded.fail("INVALID_ARGUMENT", "truncated gRPC-Web frame: " + bytes.length
                                                    + " bytes, fewer than the 5 of a frame header");
        }
        final int flags = bytes[0] & 0xff;
        final long length = ((bytes[1] & 0xffL) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8)
                            | (bytes[4] & 0xff);
        if ((flags & TRAILERS_FLAG) != 0) {
            return Decoded.fail("INVALID_ARGUMENT", "a request carries no trailer frame (flags 0x"
                                                    + Integer.toHexString(flags) + ')');
        }
        if ((flags & COMPRESSED_FLAG) != 0) {
            return Decoded.fail("UNIMPLEMENTED", "compressed messages are not supported (send grpc-encoding identity)");
        }
        if (length > maxMessageBytes) {
            return Decoded.fail("RESOURCE_EXHAUSTED", "message of " + length + " bytes exceeds the limit of "
                                                       + maxMessageBytes + " bytes");
        }
        if (bytes.length - HEADER_BYTES < length) {
            return Decoded.fail("INVALID_ARGUMENT", "truncated gRPC-Web frame: it announces " + length
                                                    + " bytes and holds " + (bytes.length - HEADER_BYTES));
        }
        if (bytes.length - HEADER_BYTES > length) {
            return Decoded.fail("INVALID_ARGUMENT", "a unary request holds exactly one message; "
                                                    + (bytes.length - HEADER_BYTES - length) + " bytes follow it");
        }
        final byte[] message = new byte[(int) length];
        System.arraycopy(bytes, HEADER_BYTES, message, 0, message.length);
        return Decoded.ok(message);
    }

    /** Decodes base64 that may be several padded chunks one after another; {@code null} when it is not base64. */
    static byte @Nullable [] decodeBase64Chunks(byte[] body) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 3 / 4);
        int start = 0;
        try {
            for (int i = 0; i < body.length; i++) {
                final boolean padEnd = body[i] == '=' && (i + 1 == body.length || body[i + 1] != '=');
                if (padEnd && (i + 1 - start) % 4 == 0) {
                    out.writeBytes(Base64.getDecoder().decode(Arrays.copyOfRange(body, start, i + 1)));
                    start = i + 1;
                }
            }
            if (start < body.length) {
                out.writeBytes(Base64.getDecoder().decode(Arrays.copyOfRange(body, start, body.length)));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return out.toByteArray();
    }

    /** Percent-encodes as gRPC does for {@code grpc-message}: printable ASCII but '%' stays, the rest is %XX of UTF-8. */
    static String percentEncode(String message) {
        final StringBuilder out = new StringBuilder(message.length());
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            final int c = b & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                   .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
