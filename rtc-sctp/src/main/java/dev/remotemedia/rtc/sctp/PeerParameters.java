package dev.remotemedia.rtc.sctp;

/**
 * What both sides agreed on at setup, from which the {@link TransmissionControlBlock} is built.
 *
 * @param localTag our Initiate Tag: the peer's packets carry it
 * @param localInitialTsn the TSN of our first DATA chunk
 * @param peerTag the peer's Initiate Tag: our packets carry it
 * @param peerInitialTsn the TSN of the peer's first DATA chunk
 * @param peerReceiverWindow the peer's initial a_rwnd
 * @param tieTag identifies this association in the cookies of a later restart (RFC 9260 §5.2.2)
 * @param capabilities the extensions both sides support
 * @param outboundStreams how many streams we may send on
 * @param inboundStreams how many streams the peer may send on
 */
record PeerParameters(long localTag, long localInitialTsn, long peerTag, long peerInitialTsn,
                      long peerReceiverWindow, long tieTag, Capabilities capabilities,
                      int outboundStreams, int inboundStreams) {

    static PeerParameters fromCookie(StateCookie cookie, long tieTag) {
        return new PeerParameters(cookie.localTag(), cookie.localInitialTsn(), cookie.peerTag(),
                                  cookie.peerInitialTsn(), cookie.peerReceiverWindow(), tieTag,
                                  new Capabilities(cookie.partialReliability(), cookie.reconfig()),
                                  cookie.outboundStreams(), cookie.inboundStreams());
    }
}
