package dev.remotemedia.rtc.sdp;

/**
 * Syntax of the addresses a candidate may carry: IPv4, IPv6, or a host name such as the mDNS
 * {@code <uuid>.local} names Chromium uses to hide local addresses. Purely lexical: this module
 * does no name resolution.
 */
final class Addresses {
    private Addresses() {}

    static boolean isValid(String address) {
        return isIpv4(address) || isIpv6(address) || isHostName(address);
    }

    static boolean isIpv4(String s) {
        int parts = 0;
        int start = 0;
        while (true) {
            final int dot = s.indexOf('.', start);
            final String part = dot < 0 ? s.substring(start) : s.substring(start, dot);
            if (!Tokens.isDigits(part) || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
            parts++;
            if (dot < 0) {
                return parts == 4;
            }
            start = dot + 1;
        }
    }

    /** RFC 4291 §2.2 text forms, including {@code ::} compression and a trailing IPv4 part. */
    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        final int compression = s.indexOf("::");
        if (compression >= 0 && s.indexOf("::", compression + 1) >= 0) {
            return false;
        }
        final String head = compression < 0 ? s : s.substring(0, compression);
        final String tail = compression < 0 ? "" : s.substring(compression + 2);
        final int headGroups = countGroups(head, tail.isEmpty() && compression < 0);
        final int tailGroups = countGroups(tail, true);
        if (headGroups < 0 || tailGroups < 0) {
            return false;
        }
        final int groups = headGroups + tailGroups;
        return compression < 0 ? groups == 8 : groups <= 7;
    }

    /**
     * Counts the 16-bit groups of a colon-separated run, or returns -1 when it is malformed. An
     * IPv4 part counts as two groups and may only end the address.
     */
    private static int countGroups(String run, boolean mayEndWithIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        int groups = 0;
        int start = 0;
        while (true) {
            final int colon = run.indexOf(':', start);
            final String group = colon < 0 ? run.substring(start) : run.substring(start, colon);
            if (colon < 0 && mayEndWithIpv4 && group.indexOf('.') >= 0) {
                return isIpv4(group) ? groups + 2 : -1;
            }
            if (group.isEmpty() || group.length() > 4 || !isHex(group)) {
                return -1;
            }
            groups++;
            if (colon < 0) {
                return groups;
            }
            start = colon + 1;
        }
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 1123 §2.1 host names: dot-separated labels of letters, digits and inner hyphens. */
    static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        int start = 0;
        while (true) {
            final int dot = s.indexOf('.', start);
            final String label = dot < 0 ? s.substring(start) : s.substring(start, dot);
            if (!isLabel(label)) {
                return false;
            }
            if (dot < 0) {
                // RFC 1123 §2.1: a top-level label is not all digits, so 192.0.2.256 is no name.
                return !Tokens.isDigits(label);
            }
            start = dot + 1;
        }
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            final char c = label.charAt(i);
            if (!(Tokens.isAsciiAlphanumeric(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
