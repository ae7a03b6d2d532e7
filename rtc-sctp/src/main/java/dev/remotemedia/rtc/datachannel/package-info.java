/**
 * WebRTC data channels over SCTP (RFC 8831, RFC 8832). So far the Data Channel Establishment
 * Protocol messages: {@link dev.remotemedia.rtc.datachannel.DcepMessage}, {@link
 * dev.remotemedia.rtc.datachannel.DataChannelOpen} and {@link
 * dev.remotemedia.rtc.datachannel.DataChannelAck}, with parsers that never throw on malformed
 * input. Pure computation: no I/O, no threads, no clock.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.datachannel;
