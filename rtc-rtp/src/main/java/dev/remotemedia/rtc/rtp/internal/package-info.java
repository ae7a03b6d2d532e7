/** Helpers shared by {@code rtc.rtp} and {@code rtc.rtcp}; not part of the API. */
package dev.remotemedia.rtc.rtp.internal;
