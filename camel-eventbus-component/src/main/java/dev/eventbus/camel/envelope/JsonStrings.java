package dev.eventbus.camel.envelope;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * JSON string bodies in UTF-8: validation (escapes, control characters, strict RFC 3629 UTF-8)
 * with an eight-bytes-at-a-time SWAR fast path, and decoding to Java strings. Stateless and
 * thread-safe; errors are thrown as {@link JsonSyntaxException}.
 */
final class JsonStrings {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long TWOS = 0x0202020202020202L;
    private static final long BELOW_0X21 = 0x2121212121212121L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    private JsonStrings() {
    }

    /** The 8 bytes at {@code i} as a little-endian long. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /**
     * SWAR: the high bit of each byte of the result is set if that byte of {@code w} is '"', '\\',
     * below 0x20 or at least 0x80. XOR 0x02 maps '"' to 0x20 and keeps 0x00-0x1F below 0x20, so
     * one "less than 0x21" test covers both. A subtraction borrows out of a byte only if that
     * byte matched, so flags above the lowest one may be false but the lowest is always exact.
     */
    private static long specials(long w) {
        return unmasked(w) & HIGHS;
    }

    private static long unmasked(long w) {
        return ((w ^ TWOS) - BELOW_0X21) | ((w ^ BACKSLASHES) - ONES) | w;
    }

    /**
     * Index of the first byte at or after {@code i} that is '"', '\\', a control character or
     * non-ASCII, or {@code end}: the run of bytes a string body can copy verbatim.
     */
    static int plainRun(byte[] b, int i, int end) {
        if (i <= end - 8) { // short strings (most names and ids) end in the first word
            long m = specials((long) LONGS.get(b, i));
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        while (i <= end - 32) { // four words per iteration: one branch per 32 bytes
            long m1 = unmasked((long) LONGS.get(b, i));
            long m2 = unmasked((long) LONGS.get(b, i + 8));
            long m3 = unmasked((long) LONGS.get(b, i + 16));
            long m4 = unmasked((long) LONGS.get(b, i + 24));
            if (((m1 | m2 | m3 | m4) & HIGHS) != 0) {
                m1 &= HIGHS;
                m2 &= HIGHS;
                m3 &= HIGHS;
                return m1 != 0 ? i + (Long.numberOfTrailingZeros(m1) >>> 3)
                        : m2 != 0 ? i + 8 + (Long.numberOfTrailingZeros(m2) >>> 3)
                                : m3 != 0 ? i + 16 + (Long.numberOfTrailingZeros(m3) >>> 3)
                                        : i + 24 + (Long.numberOfTrailingZeros(m4 & HIGHS) >>> 3);
            }
            i += 32;
        }
        while (i <= end - 8) {
            long m = specials((long) LONGS.get(b, i));
            if (m != 0) {
                return i + (Long.numberOfTrailingZeros(m) >>> 3);
            }
            i += 8;
        }
        while (i < end) {
            int c = b[i];
            if (c == '"' || c == '\\' || c < 0x20) { // non-ASCII bytes are negative
                return i;
            }
            i++;
        }
        return end;
    }

    /**
     * Validates a string body starting just after its opening quote and returns the index after
     * the closing quote.
     */
    static int skipString(byte[] b, int i, int end) {
        while (true) {
            i = plainRun(b, i, end);
            if (i >= end) {
                throw new JsonSyntaxException("Unexpected end-of-input in VALUE_STRING");
            }
            int c = b[i];
            if (c == '"') {
                return i + 1;
            } else if (c == '\\') {
                i = skipEscape(b, i + 1, end);
            } else if (c >= 0) {
                throw new JsonSyntaxException("Illegal unquoted character (" + JsonSyntaxException.describe(c)
                        + "): has to be escaped using backslash to be included in string value");
            } else {
                i = skipUtf8(b, i, end);
            }
        }
    }

    private static int skipEscape(byte[] b, int i, int end) {
        if (i >= end) {
            throw new JsonSyntaxException("Unexpected end-of-input in character escape sequence");
        }
        switch (b[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' :
                return i + 1;
            case 'u' :
                for (int k = 1; k <= 4; k++) {
                    if (i + k >= end) {
                        throw new JsonSyntaxException("Unexpected end-of-input in character escape sequence");
                    }
                    if (Character.digit(b[i + k], 16) < 0 || b[i + k] < 0) {
                        throw JsonSyntaxException.unexpected(b, i + k,
                                "expected a hex-digit for character escape sequence");
                    }
                }
                return i + 5;
            default :
                int c = b[i] & 0xFF;
                throw new JsonSyntaxException("Unrecognized character escape " + (c < 0x80
                        ? JsonSyntaxException.describe(c) : "(code 0x" + Integer.toHexString(c) + ")"));
        }
    }

    /** Validates one multi-byte UTF-8 sequence at {@code i} (strict RFC 3629) and returns the index after it. */
    private static int skipUtf8(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80; // no overlongs
            hi = c == 0xED ? 0x9F : 0xBF; // no UTF-16 surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            lo = c == 0xF0 ? 0x90 : 0x80; // no overlongs
            hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
        } else {
            throw JsonSyntaxException.invalidUtf8("start", c);
        }
        if (end - i <= n) {
            throw new JsonSyntaxException("Invalid UTF-8: truncated sequence at end of input");
        }
        int c1 = b[i + 1] & 0xFF;
        if (c1 < lo || c1 > hi) {
            throw JsonSyntaxException.invalidUtf8("middle", c1);
        }
        for (int k = 2; k <= n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                throw JsonSyntaxException.invalidUtf8("middle", b[i + k]);
            }
        }
        return i + n + 1;
    }

    /**
     * Decodes the body {@code b[start, close)} of a string that {@link #skipString} accepted
     * (so it cannot fail): escapes are resolved, the rest is decoded as UTF-8. As in Go's
     * {@code encoding/json}, an escaped surrogate that is not half of an escaped pair
     * becomes U+FFFD (what the encoder writes for it, so decode → encode → decode is stable).
     */
    static String decode(byte[] b, int start, int close) {
        StringBuilder sb = new StringBuilder(close - start);
        int run = start;
        for (int i = start; i < close; i++) {
            if (b[i] == '\\') {
                sb.append(new String(b, run, i - run, StandardCharsets.UTF_8));
                byte e = b[++i];
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        char c = hex4(b, i + 1);
                        i += 4;
                        if (Character.isSurrogate(c)) { // as Go: a pair of escapes is one code point, a lone one U+FFFD
                            char low = i + 6 < close && b[i + 1] == '\\' && b[i + 2] == 'u' ? hex4(b, i + 3) : 0;
                            if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                                sb.append(c);
                                c = low;
                                i += 6;
                            } else {
                                c = '\uFFFD';
                            }
                        }
                        sb.append(c);
                    }
                    default -> sb.append((char) e); // " \ /
                }
                run = i + 1;
            }
        }
        return sb.append(new String(b, run, close - run, StandardCharsets.UTF_8)).toString();
    }

    /** The four hex digits at {@code i} (already validated) as a char. */
    private static char hex4(byte[] b, int i) {
        return (char) (Character.digit(b[i], 16) << 12 | Character.digit(b[i + 1], 16) << 8
                | Character.digit(b[i + 2], 16) << 4 | Character.digit(b[i + 3], 16));
    }
}
