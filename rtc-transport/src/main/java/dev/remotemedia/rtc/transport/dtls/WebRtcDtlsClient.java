package dev.remotemedia.rtc.transport.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The DTLS client side of a WebRTC connection ({@code a=setup:active}): DTLS 1.2 only, Chromium's
 * ECDHE suites and groups, extended master secret required
 * (<a href="https://www.rfc-editor.org/rfc/rfc7627">RFC 7627</a>), {@code use_srtp} offered
 * (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1">RFC 5764 §4.1</a>), and the server's
 * certificate accepted only if it matches the signaled fingerprint.
 */
final class WebRtcDtlsClient extends DefaultTlsClient {

    private final DtlsPeerSupport support;

    WebRtcDtlsClient(DtlsPeerSupport support) {
        super(DtlsPeerSupport.CRYPTO);
        this.support = support;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsPeerSupport.CLIENT_SUITES);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        return DtlsPeerSupport.supportedGroups();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        final Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        if (!support.srtpProfiles.isEmpty()) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(
                    DtlsPeerSupport.srtpProfileIds(support.srtpProfiles), TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    /** RFC 5764 §4.1.1: the server picks exactly one of the offered profiles, with our (empty) MKI. */
    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        final UseSRTPData chosen = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen == null) {
            support.srtpProfileNegotiated(null);
            return;
        }
        final int[] ids = chosen.getProtectionProfiles();
        final SrtpProfile profile = ids.length == 1 ? SrtpProfile.fromId(ids[0]) : null;
        if (profile == null || !support.srtpProfiles.contains(profile) || chosen.getMki().length != 0) {
            throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                                    "use_srtp: the server chose a profile that was not offered");
        }
        support.srtpProfileNegotiated(profile);
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                support.verifyPeerCertificate(serverCertificate.getCertificate());
            }

            /** WebRTC authenticates both ends (RFC 8827 §6.5), so always answer a CertificateRequest. */
            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return support.credentials(context);
            }
        };
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeResendTimeMillis() {
        return support.initialRetransmitMillis;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return support.handshakeTimeoutMillis;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        support.handshakeComplete(context);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        support.alertReceived(alertLevel, alertDescription);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        support.alertRaised(alertLevel, alertDescription, message);
    }
}
