package dev.remotemedia.rtc.sdp;

import dev.remotemedia.rtc.common.Nullable;
import java.util.ArrayList;
import java.util.List;

/** Lexical rules shared by the SDP and candidate parsers and by the model's own checks. */
final class Tokens {
    private Tokens() {}

    /** RFC 8866 §9: {@code token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E}. */
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (char c = 0x21; c <= 0x7E; c++) {
            TOKEN_CHARS[c] = c != 0x22 && c != 0x28 && c != 0x29 && c != 0x2C && c != 0x2F
                             && !(c >= 0x3A && c <= 0x40) && c != 0x5B && c != 0x5C && c != 0x5D;
        }
    }

    static boolean isTokenChar(char c) {
        return c < 128 && TOKEN_CHARS[c];
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A non-empty run of visible characters: no space, tab, CR, LF or NUL. Used where RFC 8866
     * says {@code non-ws-string} and where peers put more than tokens (addresses, stream ids).
     */
    static boolean isWord(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /** RFC 8839 §5.1: {@code ice-char = ALPHA / DIGIT / "+" / "/"}. */
    static boolean isIceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (!(isAsciiAlphanumeric(c) || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code value} is not a valid {@code ice-ufrag} ({@code minLength} 4) or {@code ice-pwd}
     * ({@code minLength} 22) per RFC 8839 §5.4, or {@code null} if it is. Chromium enforces the
     * same rules.
     */
    static @Nullable String iceCredentialError(String value, String field, int minLength) {
        if (value.length() < minLength || value.length() > 256) {
            return field + ": " + value.length() + " characters (expected: " + minLength + "..256)";
        }
        if (!isIceChars(value)) {
            return field + ": '" + abbreviate(value) + "' (expected: letters, digits, '+' and '/')";
        }
        return null;
    }

    static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Text SDP may carry: RFC 8866 §9 {@code byte-string} excludes NUL, CR and LF. */
    static boolean isText(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0;
    }

    /** Parses decimal digits into {@code min..max}; anything else is an error naming {@code field}. */
    static long parseLong(String s, String field, long min, long max) throws SdpParseException {
        if (!isDigits(s)) {
            throw new SdpParseException(field + ": '" + abbreviate(s) + "' (expected: a number in " + min + ".." + max + ")");
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            final int digit = s.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new SdpParseException(field + ": " + abbreviate(s) + " (expected: " + min + ".." + max + ")");
            }
            value = value * 10 + digit;
        }
        if (value < min || value > max) {
            throw new SdpParseException(field + ": " + s + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    static int parseInt(String s, String field, int min, int max) throws SdpParseException {
        return (int) parseLong(s, field, min, max);
    }

    /** Splits on runs of spaces (and tabs), dropping empty fields, as lenient SDP parsers do. */
    static List<String> fields(String s) {
        final List<String> result = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            final boolean blank = i == s.length() || s.charAt(i) == ' ' || s.charAt(i) == '\t';
            if (blank && start >= 0) {
                result.add(s.substring(start, i));
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return result;
    }

    /** The text after the first space (verbatim), or {@code ""} when there is none. */
    static String afterFirstSpace(String s) {
        final int space = s.indexOf(' ');
        return space < 0 ? "" : s.substring(space + 1);
    }

    /** The text before the first space, or all of it. */
    static String beforeFirstSpace(String s) {
        final int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    /** Shortens {@code s} for an error message, so hostile input cannot blow up a log line. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }

    static void checkToken(String s, String field) {
        if (!isToken(s)) {
            throw new IllegalArgumentException(field + ": '" + abbreviate(s) + "' (expected: an RFC 8866 token)");
        }
    }

    static void checkWord(String s, String field) {
        if (!isWord(s)) {
            throw new IllegalArgumentException(field + ": '" + abbreviate(s) + "' (expected: visible characters, no spaces)");
        }
    }

    static void checkText(String s, String field) {
        if (!isText(s)) {
            throw new IllegalArgumentException(field + ": contains CR, LF or NUL");
        }
    }

    static void checkIceCredential(@Nullable String value, String field, int minLength) {
        final String error = value == null ? null : iceCredentialError(value, field, minLength);
        if (error != null) {
            throw new IllegalArgumentException(error);
        }
    }

    static void checkRange(long value, long min, long max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
