package dev.remotemedia.rtc.transport.srtp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.transport.dtls.SrtpKeyingMaterial;
import dev.remotemedia.rtc.transport.dtls.SrtpProfile;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;

/**
 * SRTP and SRTCP for one DTLS transport (<a href="https://www.rfc-editor.org/rfc/rfc3711">RFC
 * 3711</a>, AES-GCM <a href="https://www.rfc-editor.org/rfc/rfc7714">RFC 7714</a>), on jitsi-srtp.
 * Packets are protected and unprotected in place, in the caller's array:
 *
 * <pre>{@code
 * // sending: leave MAX_OVERHEAD bytes free after the packet
 * int n = srtp.protectRtp(buf, 0, rtpLength);      // n > 0: send buf[0, n)
 * // receiving
 * int n = srtp.unprotectRtp(buf, 0, datagramLength); // n > 0: buf[0, n) is the RTP packet
 * }</pre>
 *
 * <p>A negative result is an {@link SrtpError#code()}: the packet is dropped and counted in
 * {@link #stats()}. Nothing a peer sends makes these methods throw; they throw only for a caller's
 * bug ({@code off}/{@code len} outside {@code buf}).
 *
 * <p>Each SSRC has its own crypto context, created when its first packet is protected or, for
 * received packets, when its first packet authenticates. Rollover counters (RFC 3711 §3.3.1), the
 * 64-packet replay window (§3.3.2) and the SRTCP index with its E-bit (§3.4) are kept per context.
 *
 * <p>Not thread-safe: use a session from the connection's loop only. {@link #stats()} may be read
 * from any thread. The hot path allocates nothing itself; the JDK's {@code Cipher.init} per packet
 * and jitsi-srtp's HMAC result do.
 */
public final class SrtpSession implements AutoCloseable {

    /**
     * Spare bytes to leave after a packet passed to a protect method: the largest growth, an SRTCP
     * packet under AES-GCM (16-octet tag and 4-octet SRTCP index).
     */
    public static final int MAX_OVERHEAD = 20;

    /** SSRCs per direction and per RTP or RTCP, beyond which new SSRCs are refused. */
    public static final int MAX_STREAMS = 1024;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX = 4;

    static {
        AesChoice.apply();
    }

    private final SrtpProfile profile;
    private final int tagLength;
    private final SrtpContextSource local;
    private final SrtpContextSource remote;
    private final Streams<SrtpCryptoContext> rtpOut;
    private final Streams<SrtpCryptoContext> rtpIn;
    private final Streams<SrtcpCryptoContext> rtcpOut;
    private final Streams<SrtcpCryptoContext> rtcpIn;
    private final PacketView view = new PacketView();
    private final SrtpStats stats = new SrtpStats();
    private boolean closed;

    SrtpSession(SrtpProfile profile, SrtpContextSource local, SrtpContextSource remote) {
        this.profile = requireNonNull(profile, "profile");
        this.local = requireNonNull(local, "local");
        this.remote = requireNonNull(remote, "remote");
        tagLength = profile == SrtpProfile.AEAD_AES_128_GCM ? 16 : 10;
        rtpOut = new Streams<>(local::rtp);
        rtpIn = new Streams<>(remote::rtp);
        rtcpOut = new Streams<>(local::rtcp);
        rtcpIn = new Streams<>(remote::rtcp);
    }

    /** A session keyed with what the DTLS handshake exported (RFC 5764 §4.2). */
    public static SrtpSession create(SrtpKeyingMaterial keys) {
        requireNonNull(keys, "keys");
        final byte[][] copies = {keys.localKey(), keys.localSalt(), keys.remoteKey(), keys.remoteSalt()};
        try {
            return create(keys.profile(), copies[0], copies[1], copies[2], copies[3]);
        } finally {
            for (byte[] copy : copies) {
                Arrays.fill(copy, (byte) 0);
            }
        }
    }

    /**
     * A session with the master keys and salts given: the local ones protect what this endpoint
     * sends, the remote ones unprotect what it receives. The arrays are copied.
     *
     * @throws IllegalArgumentException if a key or salt has the wrong length for {@code profile}
     */
    public static SrtpSession create(SrtpProfile profile, byte[] localKey, byte[] localSalt,
                                     byte[] remoteKey, byte[] remoteSalt) {
        requireNonNull(profile, "profile");
        checkLength("localKey", localKey, profile.keyLength(), profile);
        checkLength("localSalt", localSalt, profile.saltLength(), profile);
        checkLength("remoteKey", remoteKey, profile.keyLength(), profile);
        checkLength("remoteSalt", remoteSalt, profile.saltLength(), profile);
        return new SrtpSession(profile, new JitsiContexts(profile, true, localKey, localSalt),
                               new JitsiContexts(profile, false, remoteKey, remoteSalt));
    }

    private static void checkLength(String name, byte[] value, int expected, SrtpProfile profile) {
        requireNonNull(value, name);
        if (value.length != expected) {
            throw new IllegalArgumentException(name + ": " + value.length + " bytes (expected: " + expected
                                               + " for " + profile + ')');
        }
    }

    /** The protection profile. */
    public SrtpProfile profile() {
        return profile;
    }

    /** The live counters of this session; readable from any thread. */
    public SrtpStats stats() {
        return stats;
    }

    /**
     * Encrypts and tags the RTP packet in {@code buf[off, off + len)} in place.
     *
     * @return the SRTP packet's length (at most {@code len + MAX_OVERHEAD}), or a negative
     *     {@link SrtpError#code()}
     */
    public int protectRtp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (closed) {
            return protectFailed(SrtpError.CLOSED);
        }
        if (rtpHeaderLength(buf, off, len) < 0) {
            return protectFailed(SrtpError.MALFORMED);
        }
        if (buf.length - off - len < tagLength) {
            return protectFailed(SrtpError.NO_ROOM);
        }
        final int ssrc = readInt(buf, off + 8);
        try {
            final SrtpCryptoContext context = rtpOut.lookup(ssrc);
            if (context == null) {
                return protectFailed(SrtpError.TOO_MANY_STREAMS);
            }
            rtpOut.accept(ssrc);
            final SrtpErrorStatus status = context.transformPacket(view.reset(buf, off, len));
            // jitsi ignores a failing GCM cipher on this path; the length tells.
            if (status != SrtpErrorStatus.OK || view.getLength() != len + tagLength) {
                return protectFailed(error(status));
            }
            stats.rtpProtected();
            return len + tagLength;
        } catch (GeneralSecurityException | RuntimeException e) {
            return protectFailed(SrtpError.CRYPTO_FAILED);
        } finally {
            view.release();
        }
    }

    /**
     * Authenticates and decrypts the SRTP packet in {@code buf[off, off + len)} in place.
     *
     * @return the RTP packet's length, or a negative {@link SrtpError#code()}
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (closed) {
            return dropped(SrtpError.CLOSED);
        }
        if (len < tagLength || rtpHeaderLength(buf, off, len - tagLength) < 0) {
            return dropped(SrtpError.MALFORMED);
        }
        final int ssrc = readInt(buf, off + 8);
        try {
            final SrtpCryptoContext context = rtpIn.lookup(ssrc);
            if (context == null) {
                return dropped(SrtpError.TOO_MANY_STREAMS);
            }
            final SrtpErrorStatus status = context.reverseTransformPacket(view.reset(buf, off, len), false);
            if (status != SrtpErrorStatus.OK) {
                return dropped(error(status));
            }
            if (view.getLength() != len - tagLength) {
                return dropped(SrtpError.CRYPTO_FAILED);
            }
            rtpIn.accept(ssrc);
            stats.rtpUnprotected();
            return len - tagLength;
        } catch (GeneralSecurityException | RuntimeException e) {
            return dropped(SrtpError.CRYPTO_FAILED);
        } finally {
            view.release();
        }
    }

    /**
     * Encrypts and tags the RTCP packet (compound or not) in {@code buf[off, off + len)} in place,
     * appending the SRTCP index with the E-bit set (RFC 3711 §3.4, RFC 7714 §9).
     *
     * @return the SRTCP packet's length (at most {@code len + MAX_OVERHEAD}), or a negative
     *     {@link SrtpError#code()}
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (closed) {
            return protectFailed(SrtpError.CLOSED);
        }
        if (!isRtcp(buf, off, len)) {
            return protectFailed(SrtpError.MALFORMED);
        }
        final int overhead = tagLength + SRTCP_INDEX;
        if (buf.length - off - len < overhead) {
            return protectFailed(SrtpError.NO_ROOM);
        }
        final int ssrc = readInt(buf, off + 4);
        try {
            final SrtcpCryptoContext context = rtcpOut.lookup(ssrc);
            if (context == null) {
                return protectFailed(SrtpError.TOO_MANY_STREAMS);
            }
            rtcpOut.accept(ssrc);
            final SrtpErrorStatus status = context.transformPacket(view.reset(buf, off, len));
            if (status != SrtpErrorStatus.OK || view.getLength() != len + overhead) {
                return protectFailed(error(status));
            }
            stats.rtcpProtected();
            return len + overhead;
        } catch (GeneralSecurityException | RuntimeException e) {
            return protectFailed(SrtpError.CRYPTO_FAILED);
        } finally {
            view.release();
        }
    }

    /**
     * Authenticates and decrypts the SRTCP packet in {@code buf[off, off + len)} in place.
     *
     * <p>Under AES-GCM only encrypted SRTCP (E-bit set) is accepted: jitsi-srtp does not verify the
     * tagged-only form of RFC 7714 §9.3, which no browser sends.
     *
     * @return the RTCP packet's length, or a negative {@link SrtpError#code()}
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (closed) {
            return dropped(SrtpError.CLOSED);
        }
        final int overhead = tagLength + SRTCP_INDEX;
        if (len < overhead || !isRtcp(buf, off, len - overhead)) {
            return dropped(SrtpError.MALFORMED);
        }
        final int ssrc = readInt(buf, off + 4);
        try {
            final SrtcpCryptoContext context = rtcpIn.lookup(ssrc);
            if (context == null) {
                return dropped(SrtpError.TOO_MANY_STREAMS);
            }
            final SrtpErrorStatus status = context.reverseTransformPacket(view.reset(buf, off, len));
            if (status != SrtpErrorStatus.OK) {
                return dropped(error(status));
            }
            if (view.getLength() != len - overhead) {
                return dropped(SrtpError.CRYPTO_FAILED);
            }
            rtcpIn.accept(ssrc);
            stats.rtcpUnprotected();
            return len - overhead;
        } catch (GeneralSecurityException | RuntimeException e) {
            return dropped(SrtpError.CRYPTO_FAILED);
        } finally {
            view.release();
        }
    }

    /**
     * Wipes the master keys and forgets every stream; later calls return {@link SrtpError#CLOSED}.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        local.close();
        remote.close();
        rtpOut.clear();
        rtpIn.clear();
        rtcpOut.clear();
        rtcpIn.clear();
    }

    @Override
    public String toString() {
        return "SrtpSession[" + profile + (closed ? ", closed]" : ", streams out=" + rtpOut.size() + '/'
                                                                  + rtcpOut.size() + " in=" + rtpIn.size()
                                                                  + '/' + rtcpIn.size() + ']');
    }

    private int protectFailed(SrtpError error) {
        stats.protectFailed();
        return error.code();
    }

    private int dropped(SrtpError error) {
        stats.dropped(error);
        return error.code();
    }

    private static SrtpError error(SrtpErrorStatus status) {
        return switch (status) {
            case AUTH_FAIL -> SrtpError.AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> SrtpError.REPLAYED;
            case INVALID_PACKET -> SrtpError.MALFORMED;
            case OK, FAIL -> SrtpError.CRYPTO_FAILED;
        };
    }

    /**
     * The length of the RTP header in {@code buf[off, off + len)} with its CSRCs and header
     * extension (RFC 3550 §5.1, §5.3.1), or -1 if it is not version 2 or does not fit.
     */
    static int rtpHeaderLength(byte[] buf, int off, int len) {
        if (len < RTP_HEADER) {
            return -1;
        }
        final int first = buf[off] & 0xff;
        if (first >>> 6 != 2) {
            return -1;
        }
        int length = RTP_HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0) {
            if (length + 4 > len) {
                return -1;
            }
            final int words = ((buf[off + length + 2] & 0xff) << 8) | (buf[off + length + 3] & 0xff);
            length += 4 + 4 * words;
        }
        return length <= len ? length : -1;
    }

    /** Whether {@code buf[off, off + len)} starts with an RTCP version 2 header and sender SSRC. */
    private static boolean isRtcp(byte[] buf, int off, int len) {
        return len >= RTCP_HEADER && (buf[off] & 0xc0) == 0x80;
    }

    private static int readInt(byte[] buf, int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
               | (buf[at + 3] & 0xff);
    }
}
