package dev.remotemedia.rtc.transport.ice;

/**
 * The ICE role of this side (<a href="https://www.rfc-editor.org/rfc/rfc8445#section-6.1.1">RFC
 * 8445 §6.1.1</a>). In JSEP both sides run full ICE, so the offerer is controlling and the answerer
 * controlled (<a href="https://www.rfc-editor.org/rfc/rfc8829#section-5.2.1">RFC 8829</a>); a
 * role conflict found during the checks is repaired by the tie-breaker (RFC 8445 §7.3.1.1).
 */
public enum IceRole {
    /** Nominates the pair that is used: the offerer. */
    CONTROLLING,
    /** Uses the pair the other side nominates: the answerer. */
    CONTROLLED
}
