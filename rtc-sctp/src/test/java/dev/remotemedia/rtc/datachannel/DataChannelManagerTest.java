package dev.remotemedia.rtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.ErrorKind;
import dev.remotemedia.rtc.sctp.ResetStreamsStatus;
import dev.remotemedia.rtc.sctp.SctpEvent;
import dev.remotemedia.rtc.sctp.SendOptions;
import dev.remotemedia.rtc.sctp.packet.Ppid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DCEP and channel bookkeeping against a fake association; whole associations are in DataChannelOverSctpTest. */
class DataChannelManagerTest {

    private final FakeSctpSocket sctp = new FakeSctpSocket();

    @Test
    void theDtlsClientOpensEvenStreamsAndTheServerOddOnes() {
        final DataChannelManager client = DataChannelManager.of(sctp, DtlsRole.CLIENT);
        final DataChannelManager server = DataChannelManager.of(new FakeSctpSocket(), DtlsRole.SERVER);

        assertThat(List.of(client.createChannel(DataChannelConfig.of("a")).id(),
                           client.createChannel(DataChannelConfig.of("b")).id(),
                           client.createChannel(DataChannelConfig.of("c")).id())).containsExactly(0, 2, 4);
        assertThat(List.of(server.createChannel(DataChannelConfig.of("a")).id(),
                           server.createChannel(DataChannelConfig.of("b")).id())).containsExactly(1, 3);
    }

    @Test
    void aChannelCreatedBeforeTheAssociationConnectsSendsItsOpenOnConnect() {
        final DataChannelManager manager = DataChannelManager.of(sctp, DtlsRole.CLIENT);
        final DataChannel chat = manager.createChannel(DataChannelConfig.of("chat").withProtocol("p"));
        assertThat(chat.state()).isEqualTo(DataChannelState.CONNECTING);
        assertThat(sctp.sent).isEmpty();

        manager.handleSctpEvent(new SctpEvent.Connected());

        assertThat(chat.state()).isEqualTo(DataChannelState.OPEN);
        assertThat(sctp.sent).hasSize(1);
        final FakeSctpSocket.Sent open = sctp.sent.get(0);
        assertThat(open.message().ppid()).isEqualTo(Ppid.DCEP);
        assertThat(open.message().streamId()).isEqualTo(0);
        assertThat(open.options()).isEqualTo(SendOptions.DEFAULT);
        final DataChannelOpen parsed = (DataChannelOpen) DcepMessage.parse(
                open.message().payload(), 0, open.message().payload().length).orElseThrow();
        assertThat(parsed.label()).isEqualTo("chat");
        assertThat(parsed.protocol()).isEqualTo("p");
        assertThat(parsed.reliability()).isEqualTo(DataChannelOpen.Reliability.RELIABLE);
        assertThat(events(manager)).containsExactly(new DataChannelEvent.Opened(chat));
    }

    @Test
    void aPeersOpenAnnouncesTheChannelAndIsAcknowledgedOnTheSameStream() {
        final DataChannelManager manager = connected(DtlsRole.SERVER);
        final byte[] open = new DataChannelOpen(false, DataChannelOpen.Reliability.PARTIAL_RELIABLE_REXMIT, 3,
                                                256, "lossy", "proto").toByteArray();

        manager.handleSctpEvent(new SctpEvent.MessageReceived(4, Ppid.DCEP, open));

        final DataChannel channel = manager.channel(4);
        assertThat(channel).isNotNull();
        assertThat(channel.label()).isEqualTo("lossy");
        assertThat(channel.config().ordered()).isFalse();
        assertThat(channel.config().maxRetransmits()).isEqualTo(3);
        assertThat(channel.isLocallyCreated()).isFalse();
        assertThat(events(manager)).containsExactly(new DataChannelEvent.ChannelAnnounced(channel),
                                                    new DataChannelEvent.Opened(channel));
        assertThat(sctp.sent).singleElement().satisfies(ack -> {
            assertThat(ack.message().streamId()).isEqualTo(4);
            assertThat(ack.message().ppid()).isEqualTo(Ppid.DCEP);
            assertThat(ack.message().payload()).containsExactly(DataChannelAck.MESSAGE_TYPE);
        });
        // The peer's channel is reliable-by-retransmits and unordered from the first message.
        manager.sendText(4, "x");
        assertThat(sctp.sent.get(1).options()).isEqualTo(new SendOptions(true, 3, SendOptions.NO_LIMIT));
    }

    @Test
    void textBinaryAndEmptyMessagesUseTheirPpids() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        final int id = manager.createChannel(DataChannelConfig.of("c").withNegotiatedId(6)).id();
        sctp.sent.clear();

        manager.sendText(id, "héllo");
        manager.sendText(id, "");
        manager.sendBinary(id, new byte[] {1, 2, 3});
        manager.sendBinary(id, new byte[0]);

        assertThat(sctp.sent).extracting(s -> s.message().ppid())
                             .containsExactly(Ppid.STRING, Ppid.STRING_EMPTY, Ppid.BINARY, Ppid.BINARY_EMPTY);
        assertThat(sctp.sent.get(0).message().payload()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(sctp.sent.get(1).message().payload()).containsExactly(0);
        assertThat(sctp.sent.get(3).message().payload()).containsExactly(0);
    }

    @Test
    void receivedEmptyPpidsBecomeEmptyMessages() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        manager.createChannel(DataChannelConfig.of("c").withNegotiatedId(1));
        events(manager);

        manager.handleSctpEvent(new SctpEvent.MessageReceived(1, Ppid.STRING, "hi".getBytes(StandardCharsets.UTF_8)));
        manager.handleSctpEvent(new SctpEvent.MessageReceived(1, Ppid.STRING_EMPTY, new byte[] {0}));
        manager.handleSctpEvent(new SctpEvent.MessageReceived(1, Ppid.BINARY, new byte[] {9}));
        manager.handleSctpEvent(new SctpEvent.MessageReceived(1, Ppid.BINARY_EMPTY, new byte[] {0}));

        final List<DataChannelEvent.Message> messages = events(manager).stream()
                .map(DataChannelEvent.Message.class::cast).collect(Collectors.toList());
        assertThat(messages).extracting(DataChannelEvent.Message::binary).containsExactly(false, false, true, true);
        assertThat(messages.get(0).text()).isEqualTo("hi");
        assertThat(messages.get(1).data()).isEmpty();
        assertThat(messages.get(2).data()).containsExactly(9);
        assertThat(messages.get(3).data()).isEmpty();
    }

    @Test
    void anUnorderedChannelSendsOrderedUntilTheAckArrives() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        final DataChannel channel = manager.createChannel(DataChannelConfig.of("u").withOrdered(false)
                                                                            .withMaxPacketLifeTimeMillis(500));
        manager.sendText(channel.id(), "before ack");
        manager.handleSctpEvent(new SctpEvent.MessageReceived(channel.id(), Ppid.DCEP, new DataChannelAck().toByteArray()));
        manager.sendText(channel.id(), "after ack");

        assertThat(sctp.sent).extracting(FakeSctpSocket.Sent::options).containsExactly(
                SendOptions.DEFAULT, new SendOptions(false, SendOptions.NO_LIMIT, 500),
                new SendOptions(true, SendOptions.NO_LIMIT, 500));
    }

    @Test
    void negotiatedChannelsSendNoOpenAndOpenWhenTheAssociationConnects() {
        final DataChannelManager manager = DataChannelManager.of(sctp, DtlsRole.SERVER);
        final DataChannel channel = manager.createChannel(DataChannelConfig.of("n").withNegotiatedId(2));
        manager.handleSctpEvent(new SctpEvent.Connected());

        assertThat(channel.id()).isEqualTo(2);
        assertThat(channel.state()).isEqualTo(DataChannelState.OPEN);
        assertThat(sctp.sent).isEmpty();
    }

    @Test
    void closingResetsTheStreamAndEndsWhenBothDirectionsAreReset() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        final DataChannel channel = manager.createChannel(DataChannelConfig.of("c"));
        events(manager);

        manager.close(channel.id());
        assertThat(channel.state()).isEqualTo(DataChannelState.CLOSING);
        assertThat(sctp.resetRequests).containsExactly(0);

        manager.handleSctpEvent(new SctpEvent.StreamsReset(SctpEvent.Direction.OUTGOING, List.of(0)));
        assertThat(channel.state()).isEqualTo(DataChannelState.CLOSING);
        manager.handleSctpEvent(new SctpEvent.StreamsReset(SctpEvent.Direction.INCOMING, List.of(0)));

        assertThat(channel.state()).isEqualTo(DataChannelState.CLOSED);
        assertThat(manager.channel(0)).isNull();
        assertThat(events(manager)).containsExactly(new DataChannelEvent.Closed(0));
        assertThat(sctp.resetRequests).containsExactly(0);
    }

    @Test
    void aPeerClosingAChannelMakesUsResetOurSideToo() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        final DataChannel channel = manager.createChannel(DataChannelConfig.of("c"));
        events(manager);

        manager.handleSctpEvent(new SctpEvent.StreamsReset(SctpEvent.Direction.INCOMING, List.of(0, 99)));
        assertThat(channel.state()).isEqualTo(DataChannelState.CLOSING);
        assertThat(sctp.resetRequests).containsExactly(0);
        assertThatThrownBy(() -> manager.sendText(0, "late")).isInstanceOf(IllegalStateException.class)
                                                              .hasMessageContaining("CLOSING");

        manager.handleSctpEvent(new SctpEvent.StreamsReset(SctpEvent.Direction.OUTGOING, List.of(0)));
        assertThat(events(manager)).containsExactly(new DataChannelEvent.Closing(0), new DataChannelEvent.Closed(0));
    }

    @Test
    void withoutReconfigAClosedChannelIsClosedAtOnce() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        final DataChannel channel = manager.createChannel(DataChannelConfig.of("c"));
        sctp.resetStatus = ResetStreamsStatus.NOT_SUPPORTED;

        manager.close(channel.id());

        assertThat(channel.state()).isEqualTo(DataChannelState.CLOSED);
    }

    @Test
    void anOpenForAStreamInUseIsReportedAndIgnored() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        manager.createChannel(DataChannelConfig.of("mine"));
        events(manager);
        sctp.sent.clear();

        manager.handleSctpEvent(new SctpEvent.MessageReceived(0, Ppid.DCEP, DataChannelConfig.of("theirs")
                .toOpenMessage().toByteArray()));

        assertThat(manager.channel(0).label()).isEqualTo("mine");
        assertThat(sctp.sent).isEmpty();
        assertThat(events(manager)).singleElement().isInstanceOf(DataChannelEvent.Error.class);
    }

    @Test
    void malformedDcepAndUnknownStreamsAreErrorsNotExceptions() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        manager.handleSctpEvent(new SctpEvent.MessageReceived(3, Ppid.DCEP, new byte[] {3, 0}));
        manager.handleSctpEvent(new SctpEvent.MessageReceived(3, Ppid.DCEP, new byte[0]));
        manager.handleSctpEvent(new SctpEvent.MessageReceived(7, Ppid.STRING, new byte[] {'x'}));
        manager.handleSctpEvent(new SctpEvent.MessageReceived(7, Ppid.DCEP, new DataChannelAck().toByteArray()));

        assertThat(events(manager)).hasSize(4).allSatisfy(e -> assertThat(e).isInstanceOf(DataChannelEvent.Error.class));
    }

    @Test
    void anAbortClosesEveryChannel() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        manager.createChannel(DataChannelConfig.of("a"));
        manager.createChannel(DataChannelConfig.of("b"));
        events(manager);

        manager.handleSctpEvent(new SctpEvent.Aborted(ErrorKind.PEER_REPORTED, "bye"));

        assertThat(manager.channels()).isEmpty();
        assertThat(events(manager)).containsExactly(new DataChannelEvent.Closed(0), new DataChannelEvent.Closed(2));
    }

    @Test
    void anIdInUseIsRefused() {
        final DataChannelManager manager = connected(DtlsRole.CLIENT);
        manager.createChannel(DataChannelConfig.of("a").withNegotiatedId(5));
        assertThatThrownBy(() -> manager.createChannel(DataChannelConfig.of("b").withNegotiatedId(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id: 5 is in use by channel 'a'");
    }

    private DataChannelManager connected(DtlsRole role) {
        final DataChannelManager manager = DataChannelManager.of(sctp, role);
        manager.handleSctpEvent(new SctpEvent.Connected());
        return manager;
    }

    private static List<DataChannelEvent> events(DataChannelManager manager) {
        final List<DataChannelEvent> events = new ArrayList<>();
        for (@Nullable DataChannelEvent e = manager.pollEvent(); e != null; e = manager.pollEvent()) {
            events.add(e);
        }
        return events;
    }
}
