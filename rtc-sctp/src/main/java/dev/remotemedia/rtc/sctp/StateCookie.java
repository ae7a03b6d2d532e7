package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.common.BigEndian;
import dev.remotemedia.rtc.common.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an INIT ACK's State Cookie carries (<a
 * href="https://www.rfc-editor.org/rfc/rfc9260#section-5.1.3">RFC 9260 §5.1.3</a>): everything the
 * responder needs to build the association when the COOKIE ECHO comes back, so it keeps no state
 * between INIT and COOKIE ECHO. It holds both sides' tags and initial TSNs, so a retransmitted INIT
 * answered twice still yields the same association.
 *
 * <p>The cookie is signed with HMAC-SHA256 under a secret that never leaves the association, and
 * carries its creation time: {@link Codec#open} rejects a forged or altered cookie, and tells a
 * stale one (older than the cookie lifetime) apart so the caller can send a Stale Cookie error.
 *
 * <pre>{@code
 *  magic "RMSCTP01" (8) | peer tag (4) | peer initial TSN (4) | peer a_rwnd (4)
 *  outbound streams (2) | inbound streams (2) | local tag (4) | local initial TSN (4)
 *  tie tag (8) | capabilities (1) | reserved (3) | created at, nanos (8) | HMAC-SHA256 (32)
 * }</pre>
 *
 * @param peerTag the peer's Initiate Tag, the tag our packets carry
 * @param peerInitialTsn the peer's first TSN
 * @param peerReceiverWindow the peer's a_rwnd
 * @param outboundStreams how many streams we may send on: min(our OS, peer's MIS)
 * @param inboundStreams how many streams the peer may send on: min(peer's OS, our MIS)
 * @param localTag our Initiate Tag, the tag the peer's packets must carry
 * @param localInitialTsn our first TSN
 * @param tieTag the tie tag of §5.2.2 (zero for a fresh association)
 * @param partialReliability whether both sides support FORWARD TSN
 * @param reconfig whether both sides support RE-CONFIG
 * @param createdAtNanos when the cookie was made, on the association's clock
 */
record StateCookie(long peerTag, long peerInitialTsn, long peerReceiverWindow, int outboundStreams,
                   int inboundStreams, long localTag, long localInitialTsn, long tieTag,
                   boolean partialReliability, boolean reconfig, long createdAtNanos) {

    private static final byte[] MAGIC = "RMSCTP01".getBytes(StandardCharsets.US_ASCII);
    private static final int BODY_SIZE = 52;
    private static final int MAC_SIZE = 32;
    static final int SIZE = BODY_SIZE + MAC_SIZE;
    private static final int SECRET_SIZE = 32;
    private static final String HMAC = "HmacSHA256";

    /** Why {@link Codec#open} rejected a cookie, or {@code null} fields for a good one. */
    record Opened(@Nullable StateCookie cookie, @Nullable String problem, long stalenessNanos) {}

    /** Seals and opens cookies under one association's secret. */
    static final class Codec {

        private final Mac mac;

        Codec(RandomGenerator random) {
            final byte[] secret = new byte[SECRET_SIZE];
            random.nextBytes(secret);
            try {
                mac = Mac.getInstance(HMAC);
                mac.init(new SecretKeySpec(secret, HMAC));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                // Every JDK has HmacSHA256 (it is a required algorithm of the Java SE platform).
                throw new IllegalStateException(HMAC + " is not available", e);
            }
        }

        /** Returns the signed cookie bytes. */
        byte[] seal(StateCookie cookie) {
            final byte[] bytes = new byte[SIZE];
            System.arraycopy(MAGIC, 0, bytes, 0, MAGIC.length);
            int pos = BigEndian.putUint32(bytes, 8, cookie.peerTag);
            pos = BigEndian.putUint32(bytes, pos, cookie.peerInitialTsn);
            pos = BigEndian.putUint32(bytes, pos, cookie.peerReceiverWindow);
            pos = BigEndian.putUint16(bytes, pos, cookie.outboundStreams);
            pos = BigEndian.putUint16(bytes, pos, cookie.inboundStreams);
            pos = BigEndian.putUint32(bytes, pos, cookie.localTag);
            pos = BigEndian.putUint32(bytes, pos, cookie.localInitialTsn);
            pos = BigEndian.putUint32(bytes, pos, cookie.tieTag >>> 32);
            pos = BigEndian.putUint32(bytes, pos, cookie.tieTag & 0xFFFF_FFFFL);
            pos = BigEndian.putUint8(bytes, pos, (cookie.partialReliability ? 1 : 0) | (cookie.reconfig ? 2 : 0));
            pos += 3;
            pos = BigEndian.putUint32(bytes, pos, cookie.createdAtNanos >>> 32);
            pos = BigEndian.putUint32(bytes, pos, cookie.createdAtNanos & 0xFFFF_FFFFL);
            mac.update(bytes, 0, BODY_SIZE);
            final byte[] tag = mac.doFinal();
            System.arraycopy(tag, 0, bytes, BODY_SIZE, MAC_SIZE);
            return bytes;
        }

        /**
         * Checks and reads a cookie echoed back at {@code nowNanos}. A cookie older than {@code
         * lifetimeNanos} comes back with the problem {@code "stale"} and its staleness.
         */
        Opened open(byte[] buf, int off, int len, long nowNanos, long lifetimeNanos) {
            if (len != SIZE) {
                return problem("state cookie: " + len + " bytes (expected: " + SIZE + ')');
            }
            if (!Arrays.equals(buf, off, off + MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return problem("state cookie: not one of ours (magic differs)");
            }
            mac.update(buf, off, BODY_SIZE);
            final byte[] expected = mac.doFinal();
            final byte[] actual = Arrays.copyOfRange(buf, off + BODY_SIZE, off + SIZE);
            if (!MessageDigest.isEqual(expected, actual)) {
                return problem("state cookie: HMAC does not match (forged or altered)");
            }
            final int flags = BigEndian.getUint8(buf, off + 40);
            final StateCookie cookie = new StateCookie(
                    BigEndian.getUint32(buf, off + 8), BigEndian.getUint32(buf, off + 12),
                    BigEndian.getUint32(buf, off + 16), BigEndian.getUint16(buf, off + 20),
                    BigEndian.getUint16(buf, off + 22), BigEndian.getUint32(buf, off + 24),
                    BigEndian.getUint32(buf, off + 28),
                    BigEndian.getUint32(buf, off + 32) << 32 | BigEndian.getUint32(buf, off + 36),
                    (flags & 1) != 0, (flags & 2) != 0,
                    BigEndian.getUint32(buf, off + 44) << 32 | BigEndian.getUint32(buf, off + 48));
            final long age = nowNanos - cookie.createdAtNanos;
            if (age > lifetimeNanos || age < 0) {
                return new Opened(cookie, "stale", Math.max(0, age - lifetimeNanos));
            }
            return new Opened(cookie, null, 0);
        }

        private static Opened problem(String problem) {
            return new Opened(null, problem, 0);
        }
    }
}
