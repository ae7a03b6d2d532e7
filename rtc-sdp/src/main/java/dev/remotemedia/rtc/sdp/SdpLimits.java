package dev.remotemedia.rtc.sdp;

/**
 * Bounds on what {@link SdpParser} accepts, so hostile input costs little (DESIGN.md §8). The
 * defaults hold Chromium descriptions with dozens of audio and video sections.
 *
 * @param maxLength         characters in the whole description
 * @param maxLines          lines in the whole description
 * @param maxLineLength     characters in one line, without its line ending
 * @param maxMediaSections  {@code m=} sections
 * @param maxCandidates     {@code a=candidate} lines in all sections together
 */
public record SdpLimits(int maxLength, int maxLines, int maxLineLength, int maxMediaSections, int maxCandidates) {
    /** 256 KiB, 10,000 lines of at most 4,096 characters, 256 media sections, 1,024 candidates. */
    public static final SdpLimits DEFAULT = new SdpLimits(256 * 1024, 10_000, 4096, 256, 1024);

    public SdpLimits {
        Tokens.checkRange(maxLength, 1, Integer.MAX_VALUE, "maxLength");
        Tokens.checkRange(maxLines, 1, Integer.MAX_VALUE, "maxLines");
        Tokens.checkRange(maxLineLength, 1, Integer.MAX_VALUE, "maxLineLength");
        Tokens.checkRange(maxMediaSections, 0, Integer.MAX_VALUE, "maxMediaSections");
        Tokens.checkRange(maxCandidates, 0, Integer.MAX_VALUE, "maxCandidates");
    }
}
