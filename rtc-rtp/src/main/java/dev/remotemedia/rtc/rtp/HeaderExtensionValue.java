package dev.remotemedia.rtc.rtp;

/**
 * The value of one kind of header extension, named by the URI that {@code a=extmap} maps to a
 * local id. Each kind is a record with a {@code URI} constant, a {@code parse(ByteView)} that
 * returns a {@link ParseResult}, and this interface to write it; {@link HeaderExtensionMap} puts it
 * in a packet under the negotiated id.
 */
public sealed interface HeaderExtensionValue
        permits MidExtension, RidExtension, RepairedRidExtension, AbsSendTimeExtension,
                TransportSequenceNumberExtension, AudioLevelExtension {

    /** Returns the URI of this kind of extension. */
    String uri();

    /** Returns the element's data as it goes on the wire. */
    byte[] toBytes();
}
