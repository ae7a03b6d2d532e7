/**
 * Repairing lost RTP packets, sans-I/O: the receiver's NACKs ({@link dev.remotemedia.rtc.media.repair.NackGenerator}),
 * the sender's history and RTX wrapping (RFC 4588: {@link dev.remotemedia.rtc.media.repair.RtpSendHistory},
 * {@link dev.remotemedia.rtc.media.repair.Rtx}), and the pacing of keyframe requests when repair fails
 * ({@link dev.remotemedia.rtc.media.repair.KeyframeRequester}). The stack's loops drive them; nothing here
 * does I/O or keeps time of its own.
 */
package dev.remotemedia.rtc.media.repair;
