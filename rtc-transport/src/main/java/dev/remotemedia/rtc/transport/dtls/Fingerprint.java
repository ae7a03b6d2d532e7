package dev.remotemedia.rtc.transport.dtls;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate fingerprint as SDP carries it in {@code a=fingerprint:sha-256 AB:CD:...}
 * (<a href="https://www.rfc-editor.org/rfc/rfc8122#section-5">RFC 8122 §5</a>). WebRTC has no
 * certificate authorities: the fingerprint in the signaled SDP is what makes the self-signed DTLS
 * certificate trustworthy, so the peer's certificate is checked against it during the handshake
 * (<a href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</a>).
 *
 * <p>Only hash functions fit to authenticate are accepted (SHA-1 and the SHA-2 family); {@code
 * md5} and {@code md2}, which RFC 8122 still lists, are refused.
 */
public final class Fingerprint {

    /** RFC 8122 hash function names and the JDK's names for them. */
    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha-1", "SHA-1", "sha-224", "SHA-224", "sha-256", "SHA-256", "sha-384", "SHA-384",
            "sha-512", "SHA-512");
    private static final Map<String, Integer> DIGEST_LENGTHS = Map.of(
            "sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64);
    private static final String KNOWN = "sha-256, sha-384, sha-512, sha-224 or sha-1";
    private static final int MAX_ECHOED_INPUT = 40;

    private final String algorithm;
    private final byte[] digest;

    private Fingerprint(String algorithm, byte[] digest) {
        this.algorithm = algorithm;
        this.digest = digest;
    }

    /**
     * Returns the fingerprint with hash function {@code algorithm} (such as {@code sha-256},
     * case-insensitive) and {@code digest}, for values the caller already trusts.
     *
     * @throws IllegalArgumentException if the algorithm is unknown or the digest has the wrong length
     */
    public static Fingerprint of(String algorithm, byte[] digest) {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(digest, "digest");
        final String name = algorithm.toLowerCase(Locale.ROOT);
        final Integer length = DIGEST_LENGTHS.get(name);
        if (length == null) {
            throw new IllegalArgumentException("algorithm: " + abbreviate(algorithm) + " (expected: " + KNOWN + ")");
        }
        if (digest.length != length) {
            throw new IllegalArgumentException("digest: " + digest.length + " bytes (expected: " + length + " for "
                                               + name + ")");
        }
        return new Fingerprint(name, digest.clone());
    }

    /** Returns the SHA-256 fingerprint of a DER-encoded certificate, the one WebRTC endpoints announce. */
    public static Fingerprint sha256Of(byte[] derCertificate) {
        return compute("sha-256", derCertificate);
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute: a hash function, one space, and the
     * digest as hex pairs joined by colons. Hex digits may be either case; nothing else is allowed.
     * Never throws on bad input: the error result says what was wrong.
     */
    public static ParseResult parse(String attributeValue) {
        requireNonNull(attributeValue, "attributeValue");
        final int space = attributeValue.indexOf(' ');
        if (space < 0) {
            return error("'" + abbreviate(attributeValue) + "' (expected: '<hash-function> XX:XX:...', such as "
                         + "'sha-256 AB:CD:...')");
        }
        return parse(attributeValue.substring(0, space), attributeValue.substring(space + 1));
    }

    /**
     * Parses a digest written as hex pairs joined by colons ({@code AB:CD:...}) for hash function
     * {@code algorithm}. Never throws on bad input: the error result says what was wrong.
     */
    public static ParseResult parse(String algorithm, String hex) {
        requireNonNull(algorithm, "algorithm");
        requireNonNull(hex, "hex");
        final String name = algorithm.toLowerCase(Locale.ROOT);
        final Integer length = DIGEST_LENGTHS.get(name);
        if (length == null) {
            return error("hash function '" + abbreviate(algorithm) + "' (expected: " + KNOWN + ")");
        }
        if (hex.length() != length * 3 - 1) {
            return error(name + " digest of " + hex.length() + " characters (expected: " + length
                         + " hex pairs joined by ':', " + (length * 3 - 1) + " characters)");
        }
        final byte[] digest = new byte[length];
        for (int i = 0; i < length; i++) {
            final int high = hexDigit(hex.charAt(i * 3));
            final int low = hexDigit(hex.charAt(i * 3 + 1));
            if (high < 0 || low < 0 || (i < length - 1 && hex.charAt(i * 3 + 2) != ':')) {
                return error(name + " digest '" + abbreviate(hex) + "': bad hex pair at byte " + (i + 1)
                             + " (expected: hex pairs joined by ':')");
            }
            digest[i] = (byte) (high << 4 | low);
        }
        return new ParseResult.Ok(new Fingerprint(name, digest));
    }

    /** Computes the {@code algorithm} fingerprint of a DER-encoded certificate. */
    static Fingerprint compute(String algorithm, byte[] derCertificate) {
        requireNonNull(derCertificate, "derCertificate");
        final String jcaName = JCA_NAMES.get(algorithm);
        if (jcaName == null) {
            throw new IllegalArgumentException("algorithm: " + abbreviate(algorithm) + " (expected: " + KNOWN + ")");
        }
        try {
            return new Fingerprint(algorithm, MessageDigest.getInstance(jcaName).digest(derCertificate));
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE runtime must provide SHA-1 and SHA-256; the rest are in every JDK we run on.
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }

    /** The hash function, lower-case as SDP writes it: {@code sha-256}. */
    public String algorithm() {
        return algorithm;
    }

    /** A copy of the digest. */
    public byte[] digest() {
        return digest.clone();
    }

    /** Whether this is the fingerprint of {@code derCertificate}, compared in constant time. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, compute(algorithm, derCertificate).digest);
    }

    /** The digest as upper-case hex pairs joined by colons: {@code AB:CD:...}. */
    public String hex() {
        final StringBuilder out = new StringBuilder(digest.length * 3);
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xF, 16)))
               .append(Character.toUpperCase(Character.forDigit(digest[i] & 0xF, 16)));
        }
        return out.toString();
    }

    /** The text after {@code a=fingerprint:}: {@code sha-256 AB:CD:...}. */
    public String toSdpValue() {
        return algorithm + ' ' + hex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other && algorithm.equals(other.algorithm)
               && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return 31 * algorithm.hashCode() + Arrays.hashCode(digest);
    }

    /** Same as {@link #toSdpValue()}, so error messages can quote fingerprints as SDP shows them. */
    @Override
    public String toString() {
        return toSdpValue();
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static ParseResult error(String message) {
        return new ParseResult.Error("fingerprint: " + message);
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_ECHOED_INPUT ? s : s.substring(0, MAX_ECHOED_INPUT) + "…";
    }

    /** What {@link #parse} made of its input: the fingerprint, or what was wrong with the text. */
    public sealed interface ParseResult {

        /** The parsed fingerprint. */
        record Ok(Fingerprint fingerprint) implements ParseResult {
            public Ok {
                requireNonNull(fingerprint, "fingerprint");
            }
        }

        /** Why the text is not a fingerprint, quoting (a bounded part of) the bad input. */
        record Error(String message) implements ParseResult {
            public Error {
                requireNonNull(message, "message");
            }
        }
    }
}
