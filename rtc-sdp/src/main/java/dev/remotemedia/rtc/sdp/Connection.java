package dev.remotemedia.rtc.sdp;

import static java.util.Objects.requireNonNull;

/**
 * A {@code c=} line (RFC 8866 §5.7): {@code c=<nettype> <addrtype> <connection-address>}. JSEP
 * writes {@code c=IN IP4 0.0.0.0} until candidates are known.
 */
public record Connection(String netType, String addrType, String address) {
    /** {@code IN IP4 0.0.0.0}, the JSEP placeholder (RFC 8829 §5.2.1). */
    public static final Connection PLACEHOLDER = new Connection("IN", "IP4", "0.0.0.0");

    public Connection {
        Tokens.checkToken(requireNonNull(netType, "netType"), "netType");
        Tokens.checkToken(requireNonNull(addrType, "addrType"), "addrType");
        Tokens.checkWord(requireNonNull(address, "address"), "address");
    }

    public String toSdpValue() {
        return netType + ' ' + addrType + ' ' + address;
    }
}
