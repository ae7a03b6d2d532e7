package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code a=fingerprint:<hash-func> <XX:XX:...>} (RFC 8122 §5): the digest of the certificate
 * the peer will present in DTLS, which must be verified against it (DESIGN.md §8).
 */
public record Fingerprint(String hashFunction, byte[] digest) {
    /** RFC 8122 §5 hash functions (from RFC 3279 and RFC 4055) and their digest lengths in bytes. */
    private static final Map<String, Integer> DIGEST_LENGTHS = Map.of(
            "sha-1", 20, "sha-224", 28, "sha-256", 32, "sha-384", 48, "sha-512", 64, "md5", 16, "md2", 16);

    public Fingerprint {
        requireNonNull(hashFunction, "hashFunction");
        requireNonNull(digest, "digest");
        hashFunction = hashFunction.toLowerCase(Locale.ROOT);
        final Integer expectedLength = digestLength(hashFunction);
        if (expectedLength == null) {
            throw new IllegalArgumentException("hashFunction: " + Tokens.abbreviate(hashFunction) + " (expected: "
                                               + knownHashFunctions() + ")");
        }
        if (digest.length != expectedLength) {
            throw new IllegalArgumentException("digest: " + digest.length + " bytes (expected: " + expectedLength
                                               + " for " + hashFunction + ")");
        }
        digest = digest.clone();
    }

    /** A SHA-256 fingerprint, what WebRTC endpoints use. */
    public static Fingerprint sha256(byte[] digest) {
        return new Fingerprint("sha-256", digest);
    }

    /** The digest length in bytes of hash function {@code name} (case-insensitive), or null if unknown. */
    public static @Nullable Integer digestLength(String name) {
        return DIGEST_LENGTHS.get(name.toLowerCase(Locale.ROOT));
    }

    static String knownHashFunctions() {
        return "sha-1, sha-224, sha-256, sha-384, sha-512, md5 or md2";
    }

    /** A copy of the digest. */
    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** Whether {@code otherDigest} equals this digest, compared in constant time. */
    public boolean matches(byte[] otherDigest) {
        return MessageDigest.isEqual(digest, requireNonNull(otherDigest, "otherDigest"));
    }

    /** The text after {@code a=fingerprint:}: the hash function, a space, upper-case hex pairs joined by colons. */
    public String toSdpValue() {
        final StringBuilder result = new StringBuilder(hashFunction.length() + 1 + digest.length * 3);
        result.append(hashFunction).append(' ');
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                result.append(':');
            }
            result.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xF, 16)))
                  .append(Character.toUpperCase(Character.forDigit(digest[i] & 0xF, 16)));
        }
        return result.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint && hashFunction.equals(((Fingerprint) o).hashFunction)
               && Arrays.equals(digest, ((Fingerprint) o).digest);
    }

    @Override
    public int hashCode() {
        return 31 * hashFunction.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "Fingerprint[" + toSdpValue() + ']';
    }
}
