package dev.remotemedia.rtc.sctp;

import dev.remotemedia.rtc.sctp.packet.CookieReceivedWhileShuttingDownCause;
import dev.remotemedia.rtc.sctp.packet.ErrorCause;
import dev.remotemedia.rtc.sctp.packet.InvalidMandatoryParameterCause;
import dev.remotemedia.rtc.sctp.packet.InvalidStreamIdentifierCause;
import dev.remotemedia.rtc.sctp.packet.MissingMandatoryParameterCause;
import dev.remotemedia.rtc.sctp.packet.NoUserDataCause;
import dev.remotemedia.rtc.sctp.packet.OutOfResourceCause;
import dev.remotemedia.rtc.sctp.packet.ProtocolViolationCause;
import dev.remotemedia.rtc.sctp.packet.StaleCookieCause;
import dev.remotemedia.rtc.sctp.packet.UnknownErrorCause;
import dev.remotemedia.rtc.sctp.packet.UnrecognizedChunkTypeCause;
import dev.remotemedia.rtc.sctp.packet.UnrecognizedParametersCause;
import dev.remotemedia.rtc.sctp.packet.UserInitiatedAbortCause;
import java.util.List;

/** Describes the error causes of an ABORT or ERROR chunk for events and logs (RFC 9260 §3.3.10). */
final class ErrorCauseText {

    private ErrorCauseText() {}

    static String describe(List<ErrorCause> causes) {
        if (causes.isEmpty()) {
            return "no cause given";
        }
        final StringBuilder text = new StringBuilder();
        for (ErrorCause cause : causes) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(describe(cause));
        }
        return text.toString();
    }

    private static String describe(ErrorCause cause) {
        if (cause instanceof UserInitiatedAbortCause user) {
            return "user-initiated abort: " + user.text();
        } else if (cause instanceof ProtocolViolationCause violation) {
            return "protocol violation: " + violation.text();
        } else if (cause instanceof InvalidStreamIdentifierCause invalid) {
            return "invalid stream identifier " + invalid.streamId();
        } else if (cause instanceof MissingMandatoryParameterCause missing) {
            return "missing mandatory parameters " + missing.parameterTypes();
        } else if (cause instanceof StaleCookieCause stale) {
            return "stale cookie (" + stale.stalenessMicros() + " µs)";
        } else if (cause instanceof OutOfResourceCause) {
            return "out of resource";
        } else if (cause instanceof UnrecognizedChunkTypeCause unrecognized) {
            return "unrecognized chunk type"
                   + (unrecognized.chunk().length() > 0 ? " " + unrecognized.chunk().getUint8(0) : "");
        } else if (cause instanceof InvalidMandatoryParameterCause) {
            return "invalid mandatory parameter";
        } else if (cause instanceof UnrecognizedParametersCause) {
            return "unrecognized parameters";
        } else if (cause instanceof NoUserDataCause noData) {
            return "no user data in TSN " + noData.tsn();
        } else if (cause instanceof CookieReceivedWhileShuttingDownCause) {
            return "cookie received while shutting down";
        } else if (cause instanceof UnknownErrorCause unknown) {
            return "error cause " + unknown.code();
        }
        return "error cause " + cause.code();
    }
}
