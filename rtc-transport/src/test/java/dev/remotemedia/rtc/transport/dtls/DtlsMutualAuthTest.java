package dev.remotemedia.rtc.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.error.RemoteMediaException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsServerCertificate;
import org.junit.jupiter.api.Test;

/**
 * RFC 8827 §6.5: both ends authenticate. A plain DTLS client that answers the server's
 * CertificateRequest with no certificate must be refused, whatever else it gets right.
 */
class DtlsMutualAuthTest {

    @Test
    void serverRefusesAClientWithoutACertificate() throws Exception {
        final ExecutorService loop = Executors.newSingleThreadExecutor();
        final CompletableFuture<RemoteMediaException> serverFailed = new CompletableFuture<>();
        final DatagramPipe[] clientPipe = new DatagramPipe[1];
        final DtlsTransport server = DtlsTransport.builder()
                .role(DtlsRole.SERVER)
                .certificate(DtlsPair.SERVER_CERTIFICATE)
                .remoteFingerprints(List.of(DtlsPair.CLIENT_CERTIFICATE.fingerprint()))
                .loop(loop)
                .sender((buf, off, len) -> clientPipe[0].offer(buf, off, len))
                .listener(new DtlsListener() {
                    @Override
                    public void onConnected(DtlsConnectionInfo info) {
                        serverFailed.completeExceptionally(new AssertionError("connected"));
                    }

                    @Override
                    public void onData(byte[] buf, int off, int len) {}

                    @Override
                    public void onClosed() {}

                    @Override
                    public void onFailed(RemoteMediaException error) {
                        serverFailed.complete(error);
                    }
                })
                .build();
        clientPipe[0] = new DatagramPipe((buf, off, len) -> {
            final byte[] copy = java.util.Arrays.copyOfRange(buf, off, off + len);
            loop.execute(() -> server.handleDatagram(copy, 0, copy.length));
        }, 1200);
        try {
            loop.submit(server::start).get(5, TimeUnit.SECONDS);

            assertThatThrownBy(() -> new DTLSClientProtocol().connect(new AnonymousClient(), clientPipe[0]))
                    .hasMessageContaining("bad_certificate");
            final RemoteMediaException error = serverFailed.get(DtlsPair.WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(error.getMessage()).isEqualTo(
                    "DTLS peer sent no certificate (expected: one matching "
                    + DtlsPair.CLIENT_CERTIFICATE.fingerprint().toSdpValue() + ")");
            assertThat(server.state()).isEqualTo(DtlsState.FAILED);
        } finally {
            loop.shutdownNow();
        }
    }

    /** DTLS 1.2 with the suite Chromium prefers, but no client certificate. */
    private static final class AnonymousClient extends DefaultTlsClient {
        AnonymousClient() {
            super(DtlsPeerSupport.CRYPTO);
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {}

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                    return null;
                }
            };
        }
    }
}
