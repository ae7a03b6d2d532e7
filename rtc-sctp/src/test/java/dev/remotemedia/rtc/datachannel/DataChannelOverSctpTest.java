package dev.remotemedia.rtc.datachannel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.sctp.SctpAssociation;
import dev.remotemedia.rtc.sctp.SctpEvent;
import dev.remotemedia.rtc.sctp.tx.SctpOptions;
import dev.remotemedia.testing.FakeTimeSource;
import dev.remotemedia.testing.InMemoryDatagramLink;
import dev.remotemedia.testing.InMemoryDatagramLink.Datagram;
import dev.remotemedia.testing.InMemoryDatagramLink.Side;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Data channels end to end over two real associations on an impaired in-memory link: in-band and
 * negotiated channels, all four reliability kinds at once, text and binary messages from 1 B to
 * 256 KiB checked by content, close from either side.
 */
class DataChannelOverSctpTest {

    private static final long SECOND = 1_000_000_000L;

    /** One side: an association and the channels over it, driven like an event loop would. */
    private final class Endpoint {
        final Side side;
        final SctpAssociation sctp;
        final DataChannelManager channels;
        final List<DataChannelEvent> events = new ArrayList<>();

        Endpoint(Side side, DtlsRole role, long seed) {
            this.side = side;
            sctp = SctpAssociation.builder(clock).random(new Random(seed))
                                  .options(SctpOptions.builder().maxRetransmissions(100).build()).build();
            channels = DataChannelManager.of(sctp, role);
            clock.addDeadlineSource(sctp::nextDeadlineNanos);
        }

        void drain() {
            for (SctpEvent e = sctp.pollEvent(); e != null; e = sctp.pollEvent()) {
                if (e instanceof SctpEvent.SendPacket packet) {
                    link.send(side, packet.packet());
                } else {
                    channels.handleSctpEvent(e);
                }
            }
            for (@Nullable DataChannelEvent e = channels.pollEvent(); e != null; e = channels.pollEvent()) {
                events.add(e);
            }
        }

        List<DataChannelEvent.Message> messages(int channelId) {
            return events.stream().filter(DataChannelEvent.Message.class::isInstance)
                         .map(DataChannelEvent.Message.class::cast).filter(m -> m.channelId() == channelId).toList();
        }

        boolean has(DataChannelEvent event) {
            return events.contains(event);
        }
    }

    private final FakeTimeSource clock = FakeTimeSource.of();
    private final InMemoryDatagramLink link = InMemoryDatagramLink.of(clock, 8831);
    private final Endpoint client = new Endpoint(Side.A, DtlsRole.CLIENT, 1);
    private final Endpoint server = new Endpoint(Side.Z, DtlsRole.SERVER, 2);

    {
        clock.addDeadlineSource(link::nextDeadlineNanos);
    }

    @Test
    void channelsOpenedInBandOnBothSidesCarryTextAndBinaryMessages() {
        final DataChannel chat = client.channels.createChannel(DataChannelConfig.of("chat"));
        final DataChannel files = server.channels.createChannel(DataChannelConfig.of("files").withProtocol("bin"));
        connect();
        run(() -> client.events.stream().filter(DataChannelEvent.ChannelAnnounced.class::isInstance).count() == 1
                  && server.events.stream().filter(DataChannelEvent.ChannelAnnounced.class::isInstance).count() == 1);

        assertThat(chat.id()).isEqualTo(0);
        assertThat(files.id()).isEqualTo(1);
        final DataChannel announcedFiles = client.channels.channel(1);
        assertThat(announcedFiles.label()).isEqualTo("files");
        assertThat(announcedFiles.protocol()).isEqualTo("bin");
        assertThat(server.channels.channel(0).label()).isEqualTo("chat");

        client.channels.sendText(0, "héllo");
        client.channels.sendText(0, "");
        server.channels.sendBinary(1, new byte[] {1, 2, 3});
        server.channels.sendBinary(1, new byte[0]);
        run(() -> server.messages(0).size() == 2 && client.messages(1).size() == 2);

        assertThat(server.messages(0)).extracting(DataChannelEvent.Message::text).containsExactly("héllo", "");
        assertThat(server.messages(0)).extracting(DataChannelEvent.Message::binary).containsExactly(false, false);
        assertThat(client.messages(1).get(0).data()).containsExactly(1, 2, 3);
        assertThat(client.messages(1).get(1).data()).isEmpty();
        assertThat(client.messages(1)).extracting(DataChannelEvent.Message::binary).containsExactly(true, true);
    }

    @Test
    void fourChannelsWithDifferentReliabilityAtOnceUnderLoss() {
        link.forBoth(d -> d.delay(Duration.ofMillis(20)).jitter(Duration.ofMillis(5)).dropProbability(0.1));
        final int reliable = client.channels.createChannel(DataChannelConfig.of("reliable")).id();
        final int unordered = client.channels.createChannel(DataChannelConfig.of("unordered").withOrdered(false)).id();
        final int rexmit = client.channels.createChannel(DataChannelConfig.of("rexmit").withOrdered(false)
                                                                           .withMaxRetransmits(0)).id();
        final int timed = client.channels.createChannel(DataChannelConfig.of("timed").withMaxPacketLifeTimeMillis(500)).id();
        connect();
        run(() -> server.channels.channels().size() == 4);
        assertThat(server.channels.channel(rexmit).config().maxRetransmits()).isEqualTo(0);
        assertThat(server.channels.channel(timed).config().maxPacketLifeTimeMillis()).isEqualTo(500);
        assertThat(server.channels.channel(unordered).config().ordered()).isFalse();

        final Random random = new Random(5);
        final List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            final int size = i == 0 ? 1 : i == 1 ? 256 * 1024 : 1 + random.nextInt(i % 5 == 0 ? 60_000 : 2_000);
            final byte[] data = new byte[size];
            random.nextBytes(data);
            sent.add(data);
            for (int channel : new int[] {reliable, unordered, rexmit, timed}) {
                client.channels.sendBinary(channel, data);
            }
        }
        run(() -> server.messages(reliable).size() == 40 && server.messages(unordered).size() == 40);
        runFor(30 * SECOND);

        assertThat(server.messages(reliable)).extracting(DataChannelEvent.Message::data).containsExactlyElementsOf(sent);
        assertThat(server.messages(unordered)).extracting(DataChannelEvent.Message::data)
                .containsExactlyInAnyOrderElementsOf(sent);
        // Partially reliable: whatever arrived is intact, once; the timed one is ordered.
        assertThat(server.messages(rexmit)).extracting(DataChannelEvent.Message::data).allSatisfy(
                data -> assertThat(sent).contains(data)).doesNotHaveDuplicates();
        final List<Integer> timedOrder = server.messages(timed).stream().map(m -> indexOf(sent, m.data())).toList();
        assertThat(timedOrder).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void negotiatedChannelsNeedNoDcep() {
        client.channels.createChannel(DataChannelConfig.of("n").withNegotiatedId(7));
        server.channels.createChannel(DataChannelConfig.of("n").withNegotiatedId(7));
        connect();
        run(() -> client.has(new DataChannelEvent.Opened(client.channels.channel(7)))
                  && server.has(new DataChannelEvent.Opened(server.channels.channel(7))));

        client.channels.sendText(7, "negotiated");
        run(() -> server.messages(7).size() == 1);
        assertThat(server.messages(7).get(0).text()).isEqualTo("negotiated");
        assertThat(server.events).noneMatch(DataChannelEvent.ChannelAnnounced.class::isInstance);
    }

    @Test
    void closingFromEitherSideClosesTheChannelOnBoth() {
        for (boolean clientCloses : new boolean[] {true, false}) {
            final DataChannel channel = client.channels.createChannel(DataChannelConfig.of("c" + clientCloses));
            if (!client.has(new DataChannelEvent.Opened(channel))) {
                connect();
            }
            final int id = channel.id();
            run(() -> server.channels.channel(id) != null);
            final int before = server.messages(id).size();
            client.channels.sendText(id, "last words");

            (clientCloses ? client : server).channels.close(id);
            run(() -> client.has(new DataChannelEvent.Closed(id)) && server.has(new DataChannelEvent.Closed(id)));

            assertThat(server.messages(id).subList(before, server.messages(id).size()))
                    .extracting(DataChannelEvent.Message::text).containsExactly("last words");
            assertThat(client.channels.channel(id)).isNull();
            assertThat(server.channels.channel(id)).isNull();
            assertThat(channel.state()).isEqualTo(DataChannelState.CLOSED);
            final Endpoint other = clientCloses ? server : client;
            assertThat(other.has(new DataChannelEvent.Closing(id))).isTrue();
        }
        // The freed id is reused, and the reused stream works from SSN 0.
        final DataChannel again = client.channels.createChannel(DataChannelConfig.of("again"));
        assertThat(again.id()).isZero();
        run(() -> server.channels.channel(0) != null);
        final int before = server.messages(0).size();
        client.channels.sendText(0, "reborn");
        run(() -> server.messages(0).size() == before + 1);
        assertThat(server.messages(0).get(before).text()).isEqualTo("reborn");
    }

    @Test
    void anAbortedAssociationClosesEveryChannel() {
        client.channels.createChannel(DataChannelConfig.of("a"));
        client.channels.createChannel(DataChannelConfig.of("b"));
        connect();
        run(() -> server.channels.channels().size() == 2);
        client.sctp.abort("bye");
        run(() -> server.channels.channels().isEmpty() && client.channels.channels().isEmpty());
        assertThat(server.events).contains(new DataChannelEvent.Closed(0), new DataChannelEvent.Closed(2));
    }

    private static int indexOf(List<byte[]> sent, byte[] data) {
        for (int i = 0; i < sent.size(); i++) {
            if (java.util.Arrays.equals(sent.get(i), data)) {
                return i;
            }
        }
        throw new AssertionError("not sent: " + data.length + " bytes");
    }

    private void connect() {
        client.sctp.connect();
        server.sctp.connect();
        run(() -> client.sctp.state() == dev.remotemedia.rtc.sctp.SctpState.CONNECTED
                  && server.sctp.state() == dev.remotemedia.rtc.sctp.SctpState.CONNECTED);
    }

    private void pump() {
        boolean more = true;
        while (more) {
            client.drain();
            server.drain();
            more = false;
            for (Endpoint endpoint : List.of(client, server)) {
                for (Datagram d = link.poll(endpoint.side); d != null; d = link.poll(endpoint.side)) {
                    endpoint.sctp.handleInput(d.data(), 0, d.data().length);
                    more = true;
                }
            }
        }
    }

    private void run(BooleanSupplier done) {
        final long deadline = clock.nowNanos() + 600 * SECOND;
        pump();
        while (!done.getAsBoolean()) {
            if (clock.nextDeadlineNanos() > deadline || !clock.jumpToNextDeadline()) {
                throw new AssertionError("not done within 600 s of fake time; client " + client.events
                                         + "\nserver " + server.events);
            }
            advance();
        }
    }

    private void runFor(long nanos) {
        final long end = clock.nowNanos() + nanos;
        pump();
        while (clock.nextDeadlineNanos() <= end && clock.jumpToNextDeadline()) {
            advance();
        }
    }

    private void advance() {
        final long now = clock.nowNanos();
        for (Endpoint endpoint : List.of(client, server)) {
            if (endpoint.sctp.nextDeadlineNanos() <= now) {
                endpoint.sctp.advanceTime(now);
            }
        }
        pump();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
