/**
 * Sans-I/O timers for the SCTP association: T1-init, T1-cookie, T2-shutdown, T3-rtx, delayed
 * SACK, heartbeat and RE-CONFIG (RFC 9260 §14, RFC 6525 §5.1.1). A {@link
 * dev.remotemedia.rtc.sctp.timer.TimerManager} owns the timers of one association; the event loop
 * asks it for {@link dev.remotemedia.rtc.sctp.timer.TimerManager#nextDeadlineNanos()} and calls
 * {@link dev.remotemedia.rtc.sctp.timer.TimerManager#advanceTime(long)}, which runs the expiry
 * handlers of the timers that are due. Nothing here reads a clock or starts a thread.
 *
 * <p>Everything is non-null unless marked {@link dev.remotemedia.rtc.common.Nullable}.
 */
package dev.remotemedia.rtc.sctp.timer;
