package dev.remotemedia.rtc.transport.ice;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.transport.ice.StunPacket.TransactionId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a STUN server, through one {@link MuxSocket}, what address it sees that socket send from:
 * the server-reflexive address every transport on the socket shares (one Binding transaction per
 * socket and server, not one per peer). Retransmits every 250 ms, doubling (RFC 8489 §6.2.1,
 * with a shorter first RTO since gathering waits for it), until the response or the timeout.
 */
final class MappedAddressQuery implements StunTransactionOwner {

    private static final Logger logger = LoggerFactory.getLogger(MappedAddressQuery.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long FIRST_RTO_MILLIS = 250;

    private final MuxSocket socket;
    private final InetSocketAddress server;
    private final ScheduledExecutorService timer;
    private final TransactionId id = TransactionId.random(RANDOM);
    private final byte[] request = StunPacket.bindingRequest(id);
    private final CompletableFuture<@Nullable InetSocketAddress> result = new CompletableFuture<>();
    private volatile @Nullable ScheduledFuture<?> next;

    MappedAddressQuery(MuxSocket socket, InetSocketAddress server, ScheduledExecutorService timer) {
        this.socket = socket;
        this.server = server;
        this.timer = timer;
    }

    MuxSocket socket() {
        return socket;
    }

    InetSocketAddress server() {
        return server;
    }

    /** The mapped address, or {@code null} when the server did not answer in time. */
    CompletableFuture<@Nullable InetSocketAddress> result() {
        return result;
    }

    /** Sends the first request; the result completes within {@code timeout}. */
    MappedAddressQuery start(Duration timeout) {
        socket.expectResponse(id, this, System.nanoTime());
        timer.schedule(() -> {
            if (result.complete(null)) {
                logger.info("STUN server {} did not answer from {} within {}", server,
                            MuxSocket.describe(socket.localAddress()), timeout);
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        transmit(FIRST_RTO_MILLIS);
        return this;
    }

    private void transmit(long rtoMillis) {
        if (result.isDone() || socket.isClosed()) {
            result.complete(null);
            return;
        }
        try {
            socket.send(server, request, 0, request.length);
        } catch (IOException e) {
            logger.debug("STUN request to {} failed", server, e);
        }
        next = timer.schedule(() -> transmit(rtoMillis * 2), rtoMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onStunResponse(byte[] data, InetSocketAddress from) {
        if (!from.equals(server) || StunPacket.messageClass(data, 0) != StunPacket.CLASS_SUCCESS_RESPONSE
            || StunPacket.method(data, 0) != StunPacket.METHOD_BINDING) {
            return;
        }
        InetSocketAddress mapped = StunPacket.mappedAddress(data, 0, data.length);
        if (mapped != null && result.complete(mapped)) {
            ScheduledFuture<?> n = next;
            if (n != null) {
                n.cancel(false);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return result.isDone();
    }
}
