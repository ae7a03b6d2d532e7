package dev.remotemedia.rtc.rtp.video;

import dev.remotemedia.rtc.common.ByteView;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test helpers: hex bytes, views, shuffles. */
final class Hex {

    private Hex() {}

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static ByteView view(String hex) {
        return ByteView.of(hex(hex));
    }

    static List<ByteView> views(List<byte[]> payloads) {
        final List<ByteView> views = new ArrayList<>(payloads.size());
        payloads.forEach(p -> views.add(ByteView.of(p)));
        return views;
    }

    static byte[] random(Random random, int size) {
        final byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Returns a shuffled copy (the order the network delivers in), for the assembler to sort out. */
    static <T> List<T> shuffled(List<T> list, Random random) {
        final List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }
}
