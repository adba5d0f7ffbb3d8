package dev.eventbus.camel.envelope;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Validates {@link Envelope}s against the wire contract.
 *
 * <p>Rules are checked in a fixed order (event_id, aggregate_id, event_type, event_version,
 * timestamp, payload) and the first violation is thrown as an {@link InvalidEnvelopeException}.
 * The payload is checked with {@link JsonScanner} to be exactly one JSON value.
 */
public final class EnvelopeValidator {

    /** Maximum length of {@code aggregate_id} in UTF-16 code units. */
    public static final int MAX_AGGREGATE_ID_LENGTH = 256;

    /**
     * Highest {@code event_version} accepted: 2^53 - 1, the largest integer every JSON reader (JavaScript's included)
     * keeps exact. No producer counts that far; a larger version is corrupt or hostile and, accepted, would make every
     * later event of its aggregate a duplicate.
     */
    public static final long MAX_EVENT_VERSION = (1L << 53) - 1;

    /** White space an aggregate id may carry around its at most {@value #MAX_AGGREGATE_ID_LENGTH} characters. */
    static final int MAX_AGGREGATE_ID_PADDING = 16;

    static final int MAX_REASON_LENGTH = 200;

    /** ASCII chars allowed in aggregate_id: [A-Za-z0-9:_\-./]. */
    private static final boolean[] AGGREGATE_ID_CHARS = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            AGGREGATE_ID_CHARS[c] = true;
            AGGREGATE_ID_CHARS[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            AGGREGATE_ID_CHARS[c] = true;
        }
        for (char c : ":_-./".toCharArray()) {
            AGGREGATE_ID_CHARS[c] = true;
        }
    }

    private EnvelopeValidator() {
    }

    /**
     * Validates the envelope.
     *
     * @throws InvalidEnvelopeException describing the first violated rule
     */
    public static void validate(Envelope e) {
        validate(e, true);
    }

    /**
     * Validates the envelope; {@code checkPayloadSyntax=false} skips the JSON syntax check of
     * the payload (used by the decoder, whose scanner already proved it is exactly one value).
     */
    static void validate(Envelope e, boolean checkPayloadSyntax) {
        if (e == null) {
            throw new InvalidEnvelopeException("envelope", "must not be null");
        }
        requireNotBlank("event_id", e.eventId());
        checkAggregateId(e.aggregateId());
        requireNotBlank("event_type", e.eventType());
        if (e.eventVersion() < 1) {
            throw new InvalidEnvelopeException("event_version", "must be >= 1 (was " + e.eventVersion() + ")");
        }
        if (e.eventVersion() > MAX_EVENT_VERSION) {
            throw new InvalidEnvelopeException("event_version",
                    "must be at most " + MAX_EVENT_VERSION + " (was " + e.eventVersion() + ")");
        }
        Instant ts = e.timestamp();
        if (ts == null) {
            throw new InvalidEnvelopeException("timestamp", "must be present");
        }
        if (!Rfc3339.isFourDigitYear(ts)) {
            throw new InvalidEnvelopeException("timestamp",
                    "must be within years 0000-9999 (was " + ts.atOffset(ZoneOffset.UTC).getYear() + ")");
        }
        byte[] payload = e.payloadArray();
        int from = e.payloadOffset();
        int to = from + e.payloadLength();
        if (payload == null || isJsonWhitespace(payload, from, to)) {
            throw new InvalidEnvelopeException("payload", "must be present");
        }
        if (isJsonNull(payload, from, to)) {
            throw new InvalidEnvelopeException("payload", "must not be JSON null");
        }
        if (checkPayloadSyntax) {
            checkSingleJsonValue(payload, from, to);
        }
    }

    /** Blank as Go's {@code strings.TrimSpace(v) == ""} sees it ({@link #isGoSpace}). */
    private static void requireNotBlank(String field, String value) {
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                if (!isGoSpace(value.charAt(i))) {
                    return;
                }
            }
        }
        throw new InvalidEnvelopeException(field, "must not be blank");
    }

    /**
     * Checked after trimming surrounding white space ({@link #isGoSpace}), as the Go event bus does with
     * {@code strings.TrimSpace}; the id is used as written (key, lane and duplicate check see the untrimmed id).
     */
    private static void checkAggregateId(String id) {
        requireNotBlank("aggregate_id", id);
        int from = 0;
        int to = id.length();
        while (from < to && isGoSpace(id.charAt(from))) {
            from++;
        }
        while (to > from && isGoSpace(id.charAt(to - 1))) {
            to--;
        }
        int len = to - from;
        if (len > MAX_AGGREGATE_ID_LENGTH || id.length() > MAX_AGGREGATE_ID_LENGTH + MAX_AGGREGATE_ID_PADDING) {
            len = Math.max(len, id.length());
            throw new InvalidEnvelopeException("aggregate_id",
                    "must be at most " + MAX_AGGREGATE_ID_LENGTH + " characters (was " + len + ")");
        }
        for (int i = from; i < to; i++) {
            char c = id.charAt(i);
            if (c >= 128 || !AGGREGATE_ID_CHARS[c]) {
                throw new InvalidEnvelopeException("aggregate_id",
                        "must contain only [A-Za-z0-9:_-./] (invalid character " + describe(c)
                                + " at index " + i + ")");
            }
        }
    }

    /** Quotes a printable char as 'X'; anything else (controls, spaces, surrogates...) as \\uXXXX. */
    static String describe(char c) {
        boolean printable;
        if (c < 128) {
            printable = c > 0x20 && c < 0x7F;
        } else {
            int type = Character.getType(c);
            printable = c >= 0xA1 && !Character.isSpaceChar(c) && type != Character.CONTROL
                    && type != Character.FORMAT && type != Character.SURROGATE
                    && type != Character.PRIVATE_USE && type != Character.UNASSIGNED;
        }
        return printable ? "'" + c + "'" : String.format("\\u%04X", (int) c);
    }

    /** Go's {@code unicode.IsSpace}, which {@code strings.TrimSpace} trims. */
    static boolean isGoSpace(char c) {
        if (c <= 0xFF) {
            return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0;
        }
        return c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }

    /** Whether the payload is the JSON literal null (the Go event bus refuses it). */
    private static boolean isJsonNull(byte[] b, int from, int to) {
        while (from < to && isJsonSpace(b[from])) {
            from++;
        }
        while (to > from && isJsonSpace(b[to - 1])) {
            to--;
        }
        return to - from == 4 && b[from] == 'n' && b[from + 1] == 'u' && b[from + 2] == 'l' && b[from + 3] == 'l';
    }

    private static boolean isJsonSpace(byte x) {
        return x == ' ' || x == '\n' || x == '\r' || x == '\t';
    }

    private static boolean isJsonWhitespace(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isJsonSpace(b[i])) {
                return false;
            }
        }
        return true;
    }

    private static void checkSingleJsonValue(byte[] payload, int from, int n) {
        if (n - from >= 3 && payload[from] == (byte) 0xEF && payload[from + 1] == (byte) 0xBB
                && payload[from + 2] == (byte) 0xBF) {
            throw invalidPayload("byte order mark is not allowed", null);
        }
        int value;
        try {
            value = JsonScanner.skipValue(payload, from, n);
        } catch (JsonSyntaxException ex) {
            throw invalidPayload(truncate(ex.getMessage()), ex);
        }
        int end = JsonScanner.skipWhitespace(payload, value, n);
        if (end < n) { // the reasons Jackson gave for the common cases
            byte c = payload[end];
            String reason;
            if (c == '}' || c == ']') {
                reason = "Unexpected close marker '" + (char) c + "': no open " + (c == '}' ? "Object" : "Array")
                        + " to close";
            } else if (end == value && payload[value - 1] >= '0' && payload[value - 1] <= '9') {
                reason = JsonSyntaxException.unexpected(payload, end, "Expected space separating root-level values")
                        .getMessage();
            } else {
                reason = "unexpected trailing content after the JSON value";
            }
            throw invalidPayload(reason, null);
        }
    }

    private static InvalidEnvelopeException invalidPayload(String reason, Throwable cause) {
        return new InvalidEnvelopeException("payload", "must be valid JSON: " + reason, cause);
    }

    static String truncate(String m) {
        return m.length() <= MAX_REASON_LENGTH ? m : m.substring(0, MAX_REASON_LENGTH);
    }
}
