package dev.remotemedia.rtc.rtp.video;

import static java.util.Objects.requireNonNull;

import dev.remotemedia.rtc.common.Nullable;
import dev.remotemedia.rtc.rtp.ParseResult;
import dev.remotemedia.rtc.rtp.internal.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The VP9 scalability structure (SS), <a href="https://www.rfc-editor.org/rfc/rfc9628#section-4.2.1">RFC
 * 9628 §4.2.1</a>, which a payload descriptor with V = 1 carries: how many spatial layers there are,
 * optionally their resolutions, and optionally the picture group of a fixed prediction pattern.
 *
 * <pre>{@code
 *      +-+-+-+-+-+-+-+-+
 * V:   | N_S |Y|G|-|-|-|
 *      +-+-+-+-+-+-+-+-+              -\
 * Y:   |     WIDTH     | (OPTIONAL)    .
 *      +               +               .
 *      |               | (OPTIONAL)    .
 *      +-+-+-+-+-+-+-+-+               . - N_S + 1 times
 *      |     HEIGHT    | (OPTIONAL)    .
 *      +               +               .
 *      |               | (OPTIONAL)    .
 *      +-+-+-+-+-+-+-+-+              -/
 * G:   |      N_G      | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+                           -\
 * N_G: |  T  |U| R |-|-| (OPTIONAL)                 .
 *      +-+-+-+-+-+-+-+-+              -\           . - N_G times
 *      |    P_DIFF     | (OPTIONAL)    . - R times .
 *      +-+-+-+-+-+-+-+-+              -/           -/
 * }</pre>
 *
 * @param spatialLayers {@code 1..8} (N_S + 1)
 * @param resolutions one per spatial layer, lowest first, or empty if Y = 0
 * @param pictureGroup the picture group, or {@code null} if G = 0 (an empty list is G = 1, N_G = 0)
 */
public record Vp9ScalabilityStructure(int spatialLayers, List<Resolution> resolutions,
                                      @Nullable List<PictureGroupEntry> pictureGroup) {

    private static final String NAME = "VP9 scalability structure: ";

    /** The size of one spatial layer's frames. */
    public record Resolution(int width, int height) {
        public Resolution {
            Checks.checkRange("width", width, 0, 0xFFFF);
            Checks.checkRange("height", height, 0, 0xFFFF);
        }
    }

    /**
     * One picture of the picture group.
     *
     * @param temporalId T, {@code 0..7}
     * @param switchingUpPoint U
     * @param referenceDiffs the P_DIFFs, up to 3, each {@code 0..255}
     */
    public record PictureGroupEntry(int temporalId, boolean switchingUpPoint, List<Integer> referenceDiffs) {
        public PictureGroupEntry {
            Checks.checkRange("temporalId", temporalId, 0, 7);
            referenceDiffs = List.copyOf(referenceDiffs);
            Checks.checkRange("referenceDiffs.size()", referenceDiffs.size(), 0, 3);
            referenceDiffs.forEach(diff -> Checks.checkRange("referenceDiff", diff, 0, 255));
        }
    }

    public Vp9ScalabilityStructure {
        Checks.checkRange("spatialLayers", spatialLayers, 1, 8);
        resolutions = List.copyOf(resolutions);
        if (!resolutions.isEmpty() && resolutions.size() != spatialLayers) {
            throw new IllegalArgumentException("resolutions: " + resolutions.size() + " (expected: 0 or "
                                               + spatialLayers + ", one per spatial layer)");
        }
        if (pictureGroup != null) {
            pictureGroup = List.copyOf(pictureGroup);
            Checks.checkRange("pictureGroup.size()", pictureGroup.size(), 0, 255);
        }
    }

    /** What {@link #parse} read: the structure and how many bytes it took. */
    record Parsed(Vp9ScalabilityStructure structure, int size) {}

    /** Parses the structure at {@code buf[off .. end)}. */
    static ParseResult<Parsed> parse(byte[] buf, int off, int end) {
        requireNonNull(buf, "buf");
        int pos = off;
        if (pos >= end) {
            return ParseResult.error(NAME + "missing (expected: 1 byte after a descriptor with V=1)");
        }
        final int first = buf[pos++] & 0xFF;
        final int spatialLayers = (first >>> 5) + 1;
        final List<Resolution> resolutions = new ArrayList<>();
        if ((first & 0x10) != 0) {
            if (end - pos < 4 * spatialLayers) {
                return ParseResult.error(NAME + (end - pos) + " bytes for the resolutions of " + spatialLayers
                                         + " spatial layers (expected: " + 4 * spatialLayers + ')');
            }
            for (int i = 0; i < spatialLayers; i++, pos += 4) {
                resolutions.add(new Resolution((buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF,
                                               (buf[pos + 2] & 0xFF) << 8 | buf[pos + 3] & 0xFF));
            }
        }
        List<PictureGroupEntry> pictureGroup = null;
        if ((first & 0x08) != 0) {
            if (pos >= end) {
                return ParseResult.error(NAME + "G=1 but no N_G byte");
            }
            final int count = buf[pos++] & 0xFF;
            pictureGroup = new ArrayList<>(Math.min(count, end - pos));
            for (int i = 0; i < count; i++) {
                if (pos >= end) {
                    return ParseResult.error(NAME + "N_G " + count + " but the payload ends after " + i
                                             + " pictures");
                }
                final int entry = buf[pos++] & 0xFF;
                final int refs = (entry >>> 2) & 0x3;
                if (end - pos < refs) {
                    return ParseResult.error(NAME + "picture " + i + " has R=" + refs + " but "
                                             + (end - pos) + " bytes are left");
                }
                final List<Integer> diffs = new ArrayList<>(refs);
                for (int r = 0; r < refs; r++) {
                    diffs.add(buf[pos++] & 0xFF);
                }
                pictureGroup.add(new PictureGroupEntry(entry >>> 5, (entry & 0x10) != 0, diffs));
            }
        }
        return ParseResult.ok(new Parsed(new Vp9ScalabilityStructure(spatialLayers, resolutions, pictureGroup),
                                         pos - off));
    }

    /** Returns the structure's size on the wire. */
    public int serializedSize() {
        int size = 1 + 4 * resolutions.size();
        if (pictureGroup != null) {
            size++;
            for (PictureGroupEntry entry : pictureGroup) {
                size += 1 + entry.referenceDiffs().size();
            }
        }
        return size;
    }

    /** Writes the structure at {@code buf[off]}; returns the number of bytes written. */
    public int serializeTo(byte[] buf, int off) {
        final int size = serializedSize();
        Checks.checkDst(buf, off, size);
        int pos = off;
        buf[pos++] = (byte) ((spatialLayers - 1) << 5 | (resolutions.isEmpty() ? 0 : 0x10)
                             | (pictureGroup == null ? 0 : 0x08));
        for (Resolution resolution : resolutions) {
            buf[pos++] = (byte) (resolution.width() >>> 8);
            buf[pos++] = (byte) resolution.width();
            buf[pos++] = (byte) (resolution.height() >>> 8);
            buf[pos++] = (byte) resolution.height();
        }
        if (pictureGroup != null) {
            buf[pos++] = (byte) pictureGroup.size();
            for (PictureGroupEntry entry : pictureGroup) {
                buf[pos++] = (byte) (entry.temporalId() << 5 | (entry.switchingUpPoint() ? 0x10 : 0)
                                     | entry.referenceDiffs().size() << 2);
                for (int diff : entry.referenceDiffs()) {
                    buf[pos++] = (byte) diff;
                }
            }
        }
        return size;
    }
}
