package dev.eventbus.camel.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The W3C trace context headers that cross the broker in both directions: {@code traceparent}, {@code tracestate}
 * (<a href="https://www.w3.org/TR/trace-context/">Trace Context</a>) and {@code baggage}
 * (<a href="https://www.w3.org/TR/baggage/">Baggage</a>). The one place that says which foreign headers may come in
 * as Camel headers and which Camel headers go out: these three, on every transport and wire format, under their
 * lowercase names whatever the letter case they had; a value that fails {@link #valid} is dropped in either direction,
 * and a {@code tracestate} without a valid {@code traceparent} too (as the Trace Context spec says).
 * <p>
 * Stateless; called by the producer's caller thread (outbound) and the consumer's lane threads (inbound).
 */
public final class TraceHeaders {

    /** W3C Trace Context {@code traceparent}: {@code version-traceid-parentid-flags}. */
    public static final String TRACEPARENT = "traceparent";
    /** W3C Trace Context {@code tracestate}: vendor key/value pairs, meaningful only with a traceparent. */
    public static final String TRACESTATE = "tracestate";
    /** W3C Baggage {@code baggage}: application key/value pairs. */
    public static final String BAGGAGE = "baggage";
    /** The three names, in the order they are written. */
    public static final List<String> NAMES = List.of(TRACEPARENT, TRACESTATE, BAGGAGE);

    /** Longest {@code tracestate} kept: the length the Trace Context spec asks every vendor to propagate. */
    public static final int MAX_TRACESTATE_LENGTH = 512;
    /** Longest {@code baggage} kept: the W3C Baggage limit of 8192 bytes (values are ASCII here). */
    public static final int MAX_BAGGAGE_LENGTH = 8192;

    private static final int TRACEPARENT_LENGTH = 55;

    private TraceHeaders() {
    }

    /** Whether {@code name} is one of the three headers, in any letter case. */
    public static boolean isTraceHeader(String name) {
        return wireName(name) != null;
    }

    /** The lowercase name of one of the three headers given in any letter case, or null for any other name. */
    public static String wireName(String name) {
        if (name == null) {
            return null;
        }
        for (String known : NAMES) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return null;
    }

    /**
     * The valid trace headers out of {@code lookup} (a Camel message's headers, whose names ignore case), by lowercase
     * name, values trimmed; empty when there are none.
     */
    public static Map<String, String> from(Function<String, String> lookup) {
        Map<String, String> found = null;
        for (String name : NAMES) {
            String value = lookup.apply(name);
            if (value != null) {
                if (found == null) {
                    found = new LinkedHashMap<>(4);
                }
                found.put(name, value);
            }
        }
        return found == null ? Map.of() : validated(found);
    }

    /**
     * The valid trace headers of a consumed record, by lowercase name: a header given in several letter cases counts
     * once, the lowercase one first; values trimmed.
     */
    public static Map<String, String> of(Delivery delivery) {
        Collector collector = new Collector();
        delivery.forEachHeader(TraceHeaders::isTraceHeader, collector);
        return collector.result();
    }

    /** Keeps the valid values, trimmed: a tracestate only next to a valid traceparent. */
    private static Map<String, String> validated(Map<String, String> headers) {
        headers.replaceAll((name, value) -> value.trim());
        headers.entrySet().removeIf(e -> !valid(e.getKey(), e.getValue()));
        if (!headers.containsKey(TRACEPARENT)) {
            headers.remove(TRACESTATE);
        }
        return headers;
    }

    /**
     * Whether {@code value} is a valid value of the header {@code name} (lowercase): a {@code traceparent} of the W3C
     * form (version {@code 00}: exactly 55 characters; a later version: at least the same fields; lowercase hex; no
     * all-zero trace or parent id, version {@code ff} invalid); a {@code tracestate} of 1 to
     * {@value #MAX_TRACESTATE_LENGTH} and a {@code baggage} of 1 to {@value #MAX_BAGGAGE_LENGTH} printable ASCII
     * characters.
     */
    public static boolean valid(String name, String value) {
        if (value == null) {
            return false;
        }
        return switch (name) {
            case TRACEPARENT -> validTraceparent(value);
            case TRACESTATE -> printable(value, MAX_TRACESTATE_LENGTH);
            case BAGGAGE -> printable(value, MAX_BAGGAGE_LENGTH);
            default -> false;
        };
    }

    /** The 32 hex digit trace id of a valid {@code traceparent}, or null when it is absent or invalid. */
    public static String traceId(String traceparent) {
        return traceparent != null && validTraceparent(traceparent) ? traceparent.substring(3, 35) : null;
    }

    private static boolean validTraceparent(String v) {
        if (v.length() < TRACEPARENT_LENGTH || v.charAt(2) != '-' || v.charAt(35) != '-' || v.charAt(52) != '-') {
            return false;
        }
        if (!hex(v, 0, 2) || !hex(v, 3, 35) || !hex(v, 36, 52) || !hex(v, 53, 55)) {
            return false;
        }
        String version = v.substring(0, 2);
        if ("ff".equals(version) || zeros(v, 3, 35) || zeros(v, 36, 52)) {
            return false;
        }
        if ("00".equals(version)) {
            return v.length() == TRACEPARENT_LENGTH;
        }
        // a later version may append fields after a dash
        return (v.length() == TRACEPARENT_LENGTH || v.charAt(TRACEPARENT_LENGTH) == '-') && printable(v, 1024);
    }

    private static boolean hex(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            if (v.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** 1 to {@code max} characters of printable ASCII, no space at either end (NATS trims header values). */
    private static boolean printable(String v, int max) {
        if (v.isEmpty() || v.length() > max || v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Collects a record's trace headers by lowercase name; the lowercase spelling wins over other letter cases. */
    /**
     * Collects the trace headers of a record while its headers are walked once for other purposes too; give it only
     * names {@link #isTraceHeader} accepts. {@link #result()} is what {@link #of} returns.
     */
    public static final class Collector implements BiConsumer<String, String> {
        private Map<String, String> found;

        /** The valid trace headers collected, by lowercase name (see {@link #of}). */
        public Map<String, String> result() {
            return found == null ? Map.of() : validated(found);
        }

        @Override
        public void accept(String name, String value) {
            if (value == null) {
                return;
            }
            String wire = wireName(name);
            if (found == null) {
                found = new LinkedHashMap<>(4);
            }
            if (wire.equals(name)) {
                found.put(wire, value);
            } else {
                found.putIfAbsent(wire, value);
            }
        }
    }
}
