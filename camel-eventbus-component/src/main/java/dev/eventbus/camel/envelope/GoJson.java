package dev.eventbus.camel.envelope;

/**
 * Low-level writers producing the same bytes as Go's {@code encoding/json} with its default
 * HTML-safe escaping. Every writer has a matching length function so that the encoder can
 * allocate the exact output array up front.
 */
final class GoJson {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
            'a', 'b', 'c', 'd', 'e', 'f'};

    /** For ASCII chars: 0 = written as is, 2 = two-char escape (\" \\ \n \r \t), 6 = \\u00XX. */
    private static final byte[] ESCAPE_LEN = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE_LEN[c] = 6;
        }
        ESCAPE_LEN['"'] = 2;
        ESCAPE_LEN['\\'] = 2;
        ESCAPE_LEN['\n'] = 2;
        ESCAPE_LEN['\r'] = 2;
        ESCAPE_LEN['\t'] = 2;
        ESCAPE_LEN['<'] = 6;
        ESCAPE_LEN['>'] = 6;
        ESCAPE_LEN['&'] = 6;
    }

    private GoJson() {
    }

    /** Number of bytes {@link #writeString} writes for {@code s} (without the quotes). */
    static int stringLength(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) { // fast path: ASCII that needs no escaping
            char c = s.charAt(i);
            if (c >= 0x80 || ESCAPE_LEN[c] != 0) {
                break;
            }
            i++;
        }
        int len = n;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                int e = ESCAPE_LEN[c];
                if (e != 0) {
                    len += e - 1;
                }
            } else if (c < 0x800) {
                len += 1;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // two chars -> four bytes
                    i++;
                } else {
                    len += 5; // \ufffd
                }
            } else if (c == 0x2028 || c == 0x2029) {
                len += 5;
            } else {
                len += 2;
            }
        }
        return len;
    }

    /**
     * Writes {@code s} JSON-escaped like Go (without quotes); returns the next position.
     * {@code encodedLength} must be {@code stringLength(s)}: when it equals {@code s.length()}
     * every char is plain ASCII and the string is bulk-copied.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for ASCII
    static int writeString(byte[] b, int p, String s, int encodedLength) {
        int n = s.length();
        if (encodedLength == n) {
            s.getBytes(0, n, b, p);
            return p + n;
        }
        return writeString(b, p, s);
    }

    /** Writes {@code s} JSON-escaped like Go (without quotes); returns the next position. */
    static int writeString(byte[] b, int p, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                int e = ESCAPE_LEN[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else if (e == 2) {
                    b[p++] = '\\';
                    b[p++] = (byte) (c == '\n' ? 'n' : c == '\r' ? 'r' : c == '\t' ? 't' : c);
                } else {
                    p = unicodeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    p = unicodeEscape(b, p, '\uFFFD');
                }
            } else if (c == 0x2028 || c == 0x2029) {
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xF];
        b[p++] = HEX[(c >> 8) & 0xF];
        b[p++] = HEX[(c >> 4) & 0xF];
        b[p++] = HEX[c & 0xF];
        return p;
    }

    /** Number of bytes {@link #writeLong} writes for {@code v}. */
    static int longLength(long v) {
        int len = 1;
        if (v < 0) {
            len++;
        } else {
            v = -v;
        }
        // work with non-positive values so that Long.MIN_VALUE is handled
        while (v <= -10) {
            v /= 10;
            len++;
        }
        return len;
    }

    /** Writes {@code v} in decimal; returns the next position. */
    static int writeLong(byte[] b, int p, long v) {
        int end = p + longLength(v);
        if (v < 0) {
            b[p] = '-';
        } else {
            v = -v;
        }
        int i = end;
        do {
            b[--i] = (byte) ('0' - (v % 10));
            v /= 10;
        } while (v != 0);
        return end;
    }

    /** Copies ASCII constant bytes; returns the next position. */
    static int writeRaw(byte[] b, int p, byte[] raw) {
        System.arraycopy(raw, 0, b, p, raw.length);
        return p + raw.length;
    }
}
