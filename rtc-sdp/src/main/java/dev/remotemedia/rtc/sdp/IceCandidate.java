package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import java.util.List;
import java.util.Locale;

/**
 * An ICE candidate (RFC 8839 §5.1): an {@code a=candidate:} line, or the {@code candidate:} string
 * a peer trickles (RFC 8840, W3C {@code RTCIceCandidate.candidate}).
 * <pre>
 * candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt;
 *           [raddr &lt;address&gt;] [rport &lt;port&gt;] [tcptype &lt;tcptype&gt;] *(&lt;name&gt; &lt;value&gt;)
 * </pre>
 * The address is IPv4, IPv6 or a host name such as an mDNS {@code <uuid>.local} name. Extensions
 * ({@code generation}, {@code ufrag}, {@code network-id}, {@code network-cost}, or unknown ones)
 * are kept in order. Build one with {@link #builder()}.
 */
public record IceCandidate(String foundation, int component, String transport, long priority, String address,
                           int port, CandidateType type, @Nullable String relatedAddress,
                           @Nullable Integer relatedPort, @Nullable TcpType tcpType,
                           List<CandidateExtension> extensions) {
    /** The prefix of a trickled candidate string and the name of the SDP attribute. */
    public static final String PREFIX = "candidate:";

    public IceCandidate {
        requireNonNull(foundation, "foundation");
        if (foundation.isEmpty() || foundation.length() > 32 || !Tokens.isIceChars(foundation)) {
            throw new IllegalArgumentException(
                    "foundation: '" + Tokens.abbreviate(foundation) + "' (expected: 1 to 32 letters, digits, '+' or '/')");
        }
        Tokens.checkRange(component, 1, 256, "component");
        Tokens.checkToken(requireNonNull(transport, "transport"), "transport");
        Tokens.checkRange(priority, 0, 0xFFFF_FFFFL, "priority");
        checkAddress(requireNonNull(address, "address"), "address");
        Tokens.checkRange(port, 0, 65535, "port");
        requireNonNull(type, "type");
        if (relatedAddress != null) {
            checkAddress(relatedAddress, "relatedAddress");
        }
        if (relatedPort != null) {
            Tokens.checkRange(relatedPort, 0, 65535, "relatedPort");
        }
        extensions = List.copyOf(extensions);
        for (CandidateExtension extension : extensions) {
            final String error = IceCandidateParser.extensionError(extension.name(), extension.value());
            if (error != null) {
                throw new IllegalArgumentException(error);
            }
        }
    }

    public static IceCandidateBuilder builder() {
        return new IceCandidateBuilder();
    }

    public IceCandidateBuilder toBuilder() {
        return new IceCandidateBuilder(this);
    }

    /**
     * Parses {@code candidate:...} as trickled by a peer, or a whole {@code a=candidate:...} line.
     * Never throws on bad input; errors report line 1.
     */
    public static ParseResult<IceCandidate> parse(String candidate) {
        requireNonNull(candidate, "candidate");
        String rest = candidate.startsWith("a=") ? candidate.substring(2) : candidate;
        if (!rest.startsWith(PREFIX)) {
            return new ParseResult.Error<>(1, candidate, "expected: 'candidate:' or 'a=candidate:' at the start");
        }
        try {
            return new ParseResult.Ok<>(IceCandidateParser.parseValue(rest.substring(PREFIX.length())));
        } catch (SdpParseException e) {
            return new ParseResult.Error<>(1, candidate, e.getMessage());
        } catch (RuntimeException e) {
            // A bug, not bad input; still, a trickled candidate must never kill the caller's loop.
            return new ParseResult.Error<>(1, candidate, "unexpected parser failure: " + e);
        }
    }

    /** The candidate as trickled, {@code candidate:...}; an SDP line is {@code "a=" + format()}. */
    public String format() {
        final StringBuilder result = new StringBuilder(128).append(PREFIX)
                .append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port)
                .append(" typ ").append(type.value());
        if (relatedAddress != null) {
            result.append(" raddr ").append(relatedAddress);
        }
        if (relatedPort != null) {
            result.append(" rport ").append(relatedPort);
        }
        if (tcpType != null) {
            result.append(" tcptype ").append(tcpType.value());
        }
        for (CandidateExtension extension : extensions) {
            result.append(' ').append(extension.name()).append(' ').append(extension.value());
        }
        return result.toString();
    }

    /** The value of the first extension named {@code name}, or {@code null}. */
    public @Nullable String extension(String name) {
        requireNonNull(name, "name");
        for (CandidateExtension extension : extensions) {
            if (extension.name().equals(name)) {
                return extension.value();
            }
        }
        return null;
    }

    /** Chromium's {@code generation} extension: which ICE restart the candidate belongs to. */
    public @Nullable Long generation() {
        return numericExtension("generation");
    }

    /** The {@code ufrag} extension: the ICE username fragment the candidate belongs to. */
    public @Nullable String ufrag() {
        return extension("ufrag");
    }

    /** Chromium's {@code network-id} extension. */
    public @Nullable Long networkId() {
        return numericExtension("network-id");
    }

    /** Chromium's {@code network-cost} extension (lower is cheaper; 999 for unknown networks). */
    public @Nullable Long networkCost() {
        return numericExtension("network-cost");
    }

    /** Whether the transport is UDP (the name is case-insensitive). */
    public boolean isUdp() {
        return "udp".equals(transport.toLowerCase(Locale.ROOT));
    }

    /** Whether the address is a multicast DNS name ({@code .local}) that hides a host address. */
    public boolean isMdns() {
        return address.toLowerCase(Locale.ROOT).endsWith(".local");
    }

    @Override
    public String toString() {
        return format();
    }

    private @Nullable Long numericExtension(String name) {
        final String value = extension(name);
        // Validated as digits when the candidate was made.
        return value == null ? null : Long.valueOf(value);
    }

    private static void checkAddress(String address, String field) {
        if (!Addresses.isValid(address)) {
            throw new IllegalArgumentException(
                    field + ": '" + Tokens.abbreviate(address) + "' (expected: IPv4, IPv6 or a host name)");
        }
    }
}
