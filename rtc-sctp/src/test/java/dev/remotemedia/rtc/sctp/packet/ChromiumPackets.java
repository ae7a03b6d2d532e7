package dev.remotemedia.rtc.sctp.packet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real SCTP packets sent by Chromium 156, from {@code chromium-156-packets.txt} (its header says how
 * they were captured), by name such as {@code "page1-00000"}.
 */
final class ChromiumPackets {

    private static final String RESOURCE = "chromium-156-packets.txt";
    private static final Map<String, byte[]> PACKETS = load();

    private ChromiumPackets() {}

    /** Returns a copy of the named packet. */
    static byte[] get(String name) {
        final byte[] packet = PACKETS.get(name);
        if (packet == null) {
            throw new IllegalArgumentException("no captured packet " + name);
        }
        return packet.clone();
    }

    /** Returns every packet by name, in capture order. */
    static Map<String, byte[]> all() {
        return PACKETS;
    }

    /** Returns the bytes of a hex string; spaces are ignored. */
    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static Map<String, byte[]> load() {
        final Map<String, byte[]> packets = new LinkedHashMap<>();
        try (InputStream in = ChromiumPackets.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                final String[] fields = line.split(" ");
                packets.put(fields[0], hex(fields[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(packets);
    }
}
