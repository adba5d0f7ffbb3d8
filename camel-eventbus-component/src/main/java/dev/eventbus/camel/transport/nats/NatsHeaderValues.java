package dev.eventbus.camel.transport.nats;

import dev.eventbus.camel.transport.HeaderPercentEncoding;
import dev.eventbus.camel.transport.WireHeaders;

/**
 * NATS header values may hold printable ASCII only (no CR/LF, no non-ASCII): a value outside that range would make
 * the publish fail. Such values are percent-encoded (the UTF-8 bytes outside {@code 0x20-0x7E}, and {@code %} and
 * {@code +}, as {@code %XX}: {@link HeaderPercentEncoding#NATS}), which {@code URLDecoder.decode(value, UTF_8)} also
 * reverses (the component decodes strictly: a raw {@code +} stays a {@code +}). The dead-letter reason is
 * always encoded, so its readers decode it without guessing. The {@code Nats-Msg-Id} is encoded too, and also when it
 * holds a {@code %}, so that two different ids never share an encoded form ({@link #messageId}).
 */
final class NatsHeaderValues {

    /** The dead-letter reason header, always percent-encoded on NATS. */
    static final String DEAD_LETTER_REASON = WireHeaders.DLQ_REASON;

    private NatsHeaderValues() {
    }

    /**
     * The value to put on the wire for header {@code name}. A value with a space at either end is encoded too, its
     * edge spaces as {@code %20}: NATS trims header values.
     */
    static String encode(String name, String value) {
        return hasEdgeSpace(value) || DEAD_LETTER_REASON.equals(name) || !isPrintableAscii(value)
                ? encodeAll(value) : value;
    }

    /** Percent-encodes the value, its edge spaces as {@code %20} (NATS trims header values). */
    private static String encodeAll(String value) {
        String encoded = percentEncode(value);
        int from = 0;
        while (from < encoded.length() && encoded.charAt(from) == ' ') {
            from++;
        }
        int to = encoded.length();
        while (to > from && encoded.charAt(to - 1) == ' ') {
            to--;
        }
        return "%20".repeat(from) + encoded.substring(from, to) + "%20".repeat(encoded.length() - to);
    }

    private static boolean hasEdgeSpace(String value) {
        return !value.isEmpty() && (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ');
    }

    /**
     * The {@code Nats-Msg-Id} for {@code id}: {@code id} itself when it is printable ASCII without {@code %} (any UUID),
     * else its percent-encoding. Stable, and unique: an encoded form always holds a {@code %}, a raw one never does.
     */
    static String messageId(String id) {
        return id == null || isPrintableAscii(id) && id.indexOf('%') < 0 && !hasEdgeSpace(id) ? id : encodeAll(id);
    }

    /**
     * Reverses {@link #percentEncode} strictly ({@link HeaderPercentEncoding#NATS}: a {@code +} stays a {@code +});
     * a value that is not valid percent-encoding is returned as it is.
     */
    static String decode(String value) {
        try {
            return HeaderPercentEncoding.NATS.decode(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    static String percentEncode(String value) {
        return HeaderPercentEncoding.NATS.encode(value);
    }
}
