package dev.eventbus.camel.envelope;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Hand-written decoder for the envelope object: matches field names as bytes, decodes string
 * values directly from UTF-8 and skips the payload and unknown fields with {@link JsonScanner}.
 * One instance per call (it holds the read position); not shared between threads.
 */
final class EnvelopeDecoder {

    private static final String[] NAMES = {
            "event_id", "aggregate_id", "event_type", "event_version", "timestamp",
            "trace_id", "correlation_id", "tenant_id", "payload",
    };
    /** Per name (all 7..14 bytes): the 8 bytes at its start and the 8 bytes ending at its end. */
    private static final long[] HEADS = new long[NAMES.length];
    private static final long[] TAILS = new long[NAMES.length];
    private static final int[] LENGTHS = new int[NAMES.length];

    static {
        for (int i = 0; i < NAMES.length; i++) {
            byte[] quoted = ('"' + NAMES[i] + '"').getBytes(StandardCharsets.US_ASCII);
            LENGTHS[i] = NAMES[i].length();
            HEADS[i] = JsonStrings.word(quoted, 1); // a 7 byte name includes the closing quote
            TAILS[i] = JsonStrings.word(quoted, LENGTHS[i] + 1 - 8); // ... or the opening one
        }
    }

    private final byte[] b;
    private final int end;
    private final boolean copyPayload;
    private int pos;

    private EnvelopeDecoder(byte[] b, int pos, int end, boolean copyPayload) {
        this.b = b;
        this.pos = pos;
        this.end = end;
        this.copyPayload = copyPayload;
    }

    /**
     * Decodes (without validating) the envelope in {@code data[offset, offset + length)}; its payload is a copy, or
     * with {@code copyPayload} false a view of {@code data}.
     */
    static Envelope decode(byte[] data, int offset, int length, boolean copyPayload) {
        int start = utf8Start(data, offset, length);
        try {
            return new EnvelopeDecoder(data, start, offset + length, copyPayload).object();
        } catch (JsonSyntaxException ex) {
            throw notJson(EnvelopeValidator.truncate(ex.getMessage()), ex);
        }
    }

    private static InvalidEnvelopeException notJson(String reason, Throwable cause) {
        return new InvalidEnvelopeException("envelope", "is not valid JSON: " + reason, cause);
    }

    /**
     * Where the UTF-8 text starts (after a UTF-8 byte order mark). Rejects what Jackson's
     * encoding detection would take for UTF-16 or UTF-32 (a BOM, or zero bytes up front).
     */
    private static int utf8Start(byte[] d, int off, int len) {
        if (len >= 4) {
            int quad = (d[off] & 0xFF) << 24 | (d[off + 1] & 0xFF) << 16 | (d[off + 2] & 0xFF) << 8 | d[off + 3] & 0xFF;
            if ((quad >>> 8) == 0xEFBBBF) {
                return off + 3;
            }
            int msw = quad >>> 16;
            boolean other = msw == 0xFEFF || msw == 0xFFFE || quad == 0x0000FFFE || quad == 0xFEFF0000
                    || (quad >>> 8) == 0 || (quad & 0x00FFFFFF) == 0 || (quad & ~0x00FF0000) == 0
                    || (quad & ~0x0000FF00) == 0 || (msw & 0xFF00) == 0 || (msw & 0x00FF) == 0;
            if (other) {
                throw notJson("must be UTF-8 encoded", null);
            }
        } else if (len >= 2 && (d[off] == 0 || d[off + 1] == 0)) {
            throw notJson("must be UTF-8 encoded", null);
        }
        return off;
    }

    private Envelope object() {
        pos = JsonScanner.skipWhitespace(b, pos, end);
        if (pos >= end) {
            throw notJson("no content", null);
        }
        if (b[pos] != '{') {
            if (b[pos] != '[' && b[pos] != '"') {
                JsonScanner.skipValue(b, pos, end); // reports a syntax error first, as Jackson did
            }
            throw new InvalidEnvelopeException("envelope", "must be a JSON object");
        }
        Envelope.Builder eb = Envelope.builder();
        pos = JsonScanner.skipWhitespace(b, pos + 1, end);
        if (pos < end && b[pos] == '}') {
            pos++;
        } else {
            int expected = 0;
            while (true) {
                int field = fieldName(expected);
                value(eb, field);
                if (field >= 0) {
                    expected = field + 1;
                }
                pos = JsonScanner.skipWhitespace(b, pos, end);
                if (pos >= end) {
                    throw JsonSyntaxException.endOfInput("Object");
                }
                byte c = b[pos++];
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw JsonSyntaxException.unexpected(b, pos - 1, "was expecting comma to separate Object entries");
                }
                pos = JsonScanner.skipWhitespace(b, pos, end);
            }
        }
        if (JsonScanner.skipWhitespace(b, pos, end) != end) {
            throw notJson("unexpected trailing content after the envelope object", null);
        }
        return eb.buildRaw();
    }

    /** Reads {@code "name" :} and returns the field index (-1 if unknown); pos ends at the value. */
    private int fieldName(int expected) {
        if (pos >= end) {
            throw expected == 0 ? JsonSyntaxException.endOfInput("Object") : JsonSyntaxException.eofBetween("Object");
        }
        if (b[pos] != '"') {
            throw JsonSyntaxException.unexpected(b, pos, "was expecting double-quote to start field name");
        }
        int start = pos + 1;
        int field = expected < NAMES.length && matches(expected, start) ? expected : -1;
        for (int f = 0; f < NAMES.length && field < 0; f++) {
            field = matches(f, start) ? f : -1;
        }
        if (field >= 0) {
            pos = start + LENGTHS[field] + 1;
        } else { // unknown, or spelled with escapes
            field = Arrays.asList(NAMES).indexOf(string());
        }
        pos = JsonScanner.skipWhitespace(b, pos, end);
        if (pos >= end) {
            throw JsonSyntaxException.eofBetween("Object");
        }
        if (b[pos] != ':') {
            throw JsonSyntaxException.unexpected(b, pos, "was expecting a colon to separate field name and value");
        }
        pos = JsonScanner.skipWhitespace(b, pos + 1, end);
        if (pos >= end) {
            throw JsonSyntaxException.eofBetween("Object");
        }
        byte c = b[pos];
        if (c == '}' || c == ']' || c == ',') {
            throw JsonSyntaxException.unexpectedValue(b, pos, end, 1, false);
        }
        return field;
    }

    /** True if {@code "name"} (plain bytes, no escapes) starts at {@code start}, just after a quote. */
    private boolean matches(int field, int start) {
        int stop = start + LENGTHS[field];
        return stop < end && b[stop] == '"' && JsonStrings.word(b, start) == HEADS[field]
                && JsonStrings.word(b, stop - 8) == TAILS[field];
    }

    private void value(Envelope.Builder eb, int field) {
        switch (field) {
            case 0 -> eb.eventId(stringOrNull(NAMES[0]));
            case 1 -> eb.aggregateId(stringOrNull(NAMES[1]));
            case 2 -> eb.eventType(stringOrNull(NAMES[2]));
            case 3 -> eb.eventVersion(integer(NAMES[3], Long.MIN_VALUE, Long.MAX_VALUE));
            case 4 -> eb.timestamp(timestamp());
            case 5 -> eb.traceId(stringOrNull(NAMES[5]));
            case 6 -> eb.correlationId(stringOrNull(NAMES[6]));
            case 7 -> eb.tenantId(tenantId());
            case 8 -> {
                int start = pos;
                pos = JsonScanner.skipValue(b, pos, end);
                if (copyPayload) {
                    eb.payload(Arrays.copyOfRange(b, start, pos));
                } else {
                    eb.payload(b, start, pos - start);
                }
            }
            default -> pos = JsonScanner.skipValue(b, pos, end);
        }
    }

    /**
     * True if the value at pos is JSON null (consumed). Any other non-string scalar is checked
     * for syntax first (so syntax errors win, as with Jackson) and then reported as {@code rule}.
     */
    private boolean nullOr(String field, String rule) {
        byte c = b[pos];
        if (c == '"') {
            return false;
        }
        boolean container = c == '{' || c == '[';
        int stop = container ? pos : JsonScanner.skipValue(b, pos, end);
        if (c == 'n') {
            pos = stop;
            return true;
        }
        throw new InvalidEnvelopeException(field, rule);
    }

    private String stringOrNull(String field) {
        return nullOr(field, "must be a string") ? null : string();
    }

    /** Decodes the string at pos (which is a '"'). */
    private String string() {
        int start = pos + 1;
        int stop = JsonStrings.plainRun(b, start, end);
        if (stop < end && b[stop] == '"') { // pure ASCII, no escapes
            pos = stop + 1;
            return new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        pos = JsonStrings.skipString(b, start, end); // validates
        return JsonStrings.decode(b, start, pos - 1);
    }

    /** A JSON integer within [min, max]; JSON null means 0 (as in Go). */
    private long integer(String field, long min, long max) {
        byte c = b[pos];
        if (c != '-' && (c < '0' || c > '9')) {
            return nullOr(field, "must be an integer") ? 0 : fail(field);
        }
        int start = pos;
        pos = JsonScanner.skipNumber(b, pos, end);
        boolean negative = c == '-';
        long value = 0;
        for (int i = negative ? start + 1 : start; i < pos; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || value < (Long.MIN_VALUE + d) / 10) { // fraction/exponent or overflow
                return fail(field);
            }
            value = value * 10 - d; // accumulate negatively: covers Long.MIN_VALUE
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return fail(field);
            }
            value = -value;
        }
        return value < min || value > max ? fail(field) : value;
    }

    /** tenant_id: a JSON integer (Go's 64-bit int), or a string of digits as earlier Go versions wrote it. */
    private long tenantId() {
        if (b[pos] != '"') {
            return integer(NAMES[7], Long.MIN_VALUE, Long.MAX_VALUE);
        }
        String digits = string();
        int first = digits.startsWith("-") ? 1 : 0;
        if (digits.length() == first || digits.length() > 20) {
            return fail(NAMES[7]);
        }
        for (int i = first; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return fail(NAMES[7]);
            }
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return fail(NAMES[7]);
        }
    }

    private static long fail(String field) {
        throw new InvalidEnvelopeException(field, "must be an integer");
    }

    private Instant timestamp() {
        if (nullOr("timestamp", "must be an RFC 3339 date-time")) {
            return null;
        }
        int start = pos + 1;
        int stop = JsonStrings.plainRun(b, start, end);
        try {
            if (stop < end && b[stop] == '"' && stop - start <= 64) { // plain ASCII: no String needed
                pos = stop + 1;
                char[] c = new char[stop - start];
                for (int i = 0; i < c.length; i++) {
                    c[i] = (char) b[start + i];
                }
                return Rfc3339.parse(c, 0, c.length);
            }
            return Rfc3339.parse(string());
        } catch (DateTimeException | IllegalArgumentException | IndexOutOfBoundsException ex) {
            throw new InvalidEnvelopeException("timestamp", "must be an RFC 3339 date-time", ex);
        }
    }
}
