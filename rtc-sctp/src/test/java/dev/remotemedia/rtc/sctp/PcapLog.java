package dev.remotemedia.rtc.sctp;

import java.util.ArrayDeque;

/**
 * Records the packets of an in-memory test in text2pcap's hex format (STYLE.md rule 9), so a failing
 * protocol test can be opened in Wireshark:
 *
 * <pre>{@code
 * text2pcap -D -t '%H:%M:%S.' -i 132 sctp.txt sctp.pcap
 * }</pre>
 *
 * <p>{@code -i 132} wraps each line in a dummy IPv4 header with protocol SCTP. Lines look like
 * dcSCTP's TextPcapPacketObserver output: {@code O 00:00:01.000000 0000 13 88 ... # SCTP_PACKET A}.
 */
final class PcapLog {

    private static final int MAX_LINES = 400;

    /** The most recent packets only: enough to see how a failure came about. */
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long dropped;
    private boolean enabled = true;

    /** Turns recording off (for throughput runs, where formatting every packet would dominate). */
    void disable() {
        enabled = false;
    }

    /** Records a packet {@code side} sent ({@code outgoing}) or received at {@code nowNanos}. */
    void record(String side, boolean outgoing, long nowNanos, byte[] packet) {
        if (!enabled) {
            return;
        }
        if (lines.size() >= MAX_LINES) {
            lines.removeFirst();
            dropped++;
        }
        final long micros = nowNanos / 1_000;
        final StringBuilder line = new StringBuilder(24 + packet.length * 3);
        line.append(outgoing ? 'O' : 'I').append(' ')
            .append(String.format("%02d:%02d:%02d.%06d", micros / 3_600_000_000L, micros / 60_000_000 % 60,
                                  micros / 1_000_000 % 60, micros % 1_000_000))
            .append(" 0000");
        for (byte b : packet) {
            line.append(' ').append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        line.append(" # SCTP_PACKET ").append(side);
        lines.add(line.toString());
    }

    /** Returns the log as text2pcap input, the last {@code maxLines} lines at most. */
    String dump(int maxLines) {
        final StringBuilder out = new StringBuilder();
        if (dropped > 0) {
            out.append("# ").append(dropped).append(" earlier packets not kept\n");
        }
        int skip = Math.max(0, lines.size() - maxLines);
        for (String line : lines) {
            if (skip-- <= 0) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    int size() {
        return lines.size();
    }
}
