package dev.remotemedia.rtc.datachannel;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.ResetStreamsStatus;
import dev.remotemedia.rtc.sctp.SctpEvent;
import dev.remotemedia.rtc.sctp.SctpMessage;
import dev.remotemedia.rtc.sctp.SctpMetrics;
import dev.remotemedia.rtc.sctp.SctpSocket;
import dev.remotemedia.rtc.sctp.SctpState;
import dev.remotemedia.rtc.sctp.SendOptions;
import dev.remotemedia.rtc.sctp.SendStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records what a {@link DataChannelManager} asks of its association, for unit tests of DCEP alone. */
final class FakeSctpSocket implements SctpSocket {

    record Sent(SctpMessage message, SendOptions options) {}

    final List<Sent> sent = new ArrayList<>();
    final List<Integer> resetRequests = new ArrayList<>();
    final Map<Integer, Long> thresholds = new HashMap<>();
    ResetStreamsStatus resetStatus = ResetStreamsStatus.STARTED;

    @Override
    public void connect() {}

    @Override
    public void handleInput(byte[] buf, int off, int len) {}

    @Override
    public void advanceTime(long nowNanos) {}

    @Override
    public long nextDeadlineNanos() {
        return Long.MAX_VALUE;
    }

    @Override
    public @Nullable SctpEvent pollEvent() {
        return null;
    }

    @Override
    public SendStatus send(SctpMessage message, SendOptions options) {
        sent.add(new Sent(message, options));
        return SendStatus.OK;
    }

    @Override
    public ResetStreamsStatus resetStreams(int... streamIds) {
        for (int id : streamIds) {
            resetRequests.add(id);
        }
        return resetStatus;
    }

    @Override
    public void shutdown() {}

    @Override
    public void abort(String reason) {}

    @Override
    public SctpState state() {
        return SctpState.CONNECTED;
    }

    @Override
    public long bufferedAmount(int streamId) {
        return 0;
    }

    @Override
    public long bufferedAmountLowThreshold(int streamId) {
        return thresholds.getOrDefault(streamId, 0L);
    }

    @Override
    public void setBufferedAmountLowThreshold(int streamId, long bytes) {
        thresholds.put(streamId, bytes);
    }

    @Override
    public SctpMetrics metrics() {
        return new SctpMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, false);
    }
}
