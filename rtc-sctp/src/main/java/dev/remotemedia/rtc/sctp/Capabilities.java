package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.sctp.packet.ForwardTsnChunk;
import dev.remotemedia.rtc.sctp.packet.ForwardTsnSupportedParameter;
import dev.remotemedia.rtc.sctp.packet.Parameter;
import dev.remotemedia.rtc.sctp.packet.ReConfigChunk;
import dev.remotemedia.rtc.sctp.packet.SupportedExtensionsParameter;
import java.util.List;

/**
 * The extensions both sides support, from the peer's INIT or INIT ACK: partial reliability (<a
 * href="https://www.rfc-editor.org/rfc/rfc3758#section-3.1">RFC 3758 §3.1</a>, the
 * Forward-TSN-Supported parameter or FORWARD TSN in Supported Extensions) and stream reconfiguration
 * (<a href="https://www.rfc-editor.org/rfc/rfc6525#section-3.1">RFC 6525 §3.1</a>, RE-CONFIG in
 * Supported Extensions). We always offer both.
 */
record Capabilities(boolean partialReliability, boolean reconfig) {

    /** What we announce in our INIT and INIT ACK. */
    static final List<Parameter> ANNOUNCED = List.of(
            new ForwardTsnSupportedParameter(),
            new SupportedExtensionsParameter(List.of(ForwardTsnChunk.TYPE, ReConfigChunk.TYPE)));

    /** Returns what the peer's INIT or INIT ACK {@code parameters} and ours have in common. */
    static Capabilities negotiate(List<Parameter> parameters) {
        boolean partialReliability = false;
        boolean reconfig = false;
        for (Parameter parameter : parameters) {
            if (parameter instanceof ForwardTsnSupportedParameter) {
                partialReliability = true;
            } else if (parameter instanceof SupportedExtensionsParameter extensions) {
                partialReliability |= extensions.supports(ForwardTsnChunk.TYPE);
                reconfig |= extensions.supports(ReConfigChunk.TYPE);
            }
        }
        return new Capabilities(partialReliability, reconfig);
    }
}
