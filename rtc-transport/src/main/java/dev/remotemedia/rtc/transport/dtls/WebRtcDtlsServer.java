package dev.remotemedia.rtc.transport.dtls;

import dev.remotemedia.rtc.common.Nullable;
import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The DTLS server side of a WebRTC connection ({@code a=setup:passive}): DTLS 1.2 only, ECDHE-ECDSA
 * suites, extended master secret required, a client certificate demanded and checked against the
 * signaled fingerprint (<a href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827
 * §6.5</a>: both ends authenticate), and one {@code use_srtp} profile chosen by our preference
 * among those offered (<a href="https://www.rfc-editor.org/rfc/rfc5764#section-4.1.1">RFC 5764
 * §4.1.1</a>), as BoringSSL does.
 */
final class WebRtcDtlsServer extends DefaultTlsServer {

    private final DtlsPeerSupport support;
    private @Nullable SrtpProfile chosenSrtpProfile;

    WebRtcDtlsServer(DtlsPeerSupport support) {
        super(DtlsPeerSupport.CRYPTO);
        this.support = support;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsPeerSupport.SERVER_SUITES);
    }

    @Override
    public int[] getSupportedGroups() {
        return DtlsPeerSupport.supportedGroups().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return support.credentials(context);
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                                      TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    /** Called with an empty chain when the client sent none: that fails too. */
    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        support.verifyPeerCertificate(clientCertificate);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        final UseSRTPData offered = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        chosenSrtpProfile = offered == null ? null : choose(offered.getProtectionProfiles());
        support.srtpProfileNegotiated(chosenSrtpProfile);
    }

    /** Our most preferred profile the client offered; none shared means no {@code use_srtp} in the answer. */
    private @Nullable SrtpProfile choose(int[] offeredIds) {
        for (SrtpProfile profile : support.srtpProfiles) {
            for (int id : offeredIds) {
                if (id == profile.id()) {
                    return profile;
                }
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        final Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        final SrtpProfile profile = chosenSrtpProfile;
        if (profile != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
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
