package dev.eventbus.camel.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes and decodes {@link Envelope}s in the JSON wire format shared with the Go services.
 *
 * <p>Thread-safe: create one instance and share it. Encoding validates first and writes the
 * fields in the fixed order {@code event_id, aggregate_id, event_type, event_version, timestamp,
 * trace_id, correlation_id, tenant_id, payload} with Go-compatible escaping; the payload bytes
 * are embedded verbatim. Decoding ({@link EnvelopeDecoder}) accepts fields in any order,
 * ignores unknown fields, lets the last duplicate win and validates the result.
 */
public final class EnvelopeCodec {

    private static final byte[] K_EVENT_ID = ascii("{\"event_id\":\"");
    private static final byte[] K_AGGREGATE_ID = ascii("\",\"aggregate_id\":\"");
    private static final byte[] K_EVENT_TYPE = ascii("\",\"event_type\":\"");
    private static final byte[] K_EVENT_VERSION = ascii("\",\"event_version\":");
    private static final byte[] K_TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] K_TRACE_ID = ascii("\",\"trace_id\":\"");
    private static final byte[] K_CORRELATION_ID = ascii("\",\"correlation_id\":\"");
    private static final byte[] K_TENANT_ID = ascii("\",\"tenant_id\":");
    private static final byte[] K_PAYLOAD_AFTER_STRING = ascii("\",\"payload\":");
    private static final byte[] K_PAYLOAD_AFTER_NUMBER = ascii(",\"payload\":");

    /** Creates a codec. Codecs are stateless; one instance can be shared. */
    public EnvelopeCodec() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Validates the envelope and encodes it as UTF-8 JSON.
     *
     * @throws InvalidEnvelopeException if the envelope is invalid (nothing is written)
     */
    public byte[] encode(Envelope e) {
        EnvelopeValidator.validate(e, true);
        String eventId = e.eventId();
        String aggregateId = e.aggregateId();
        String eventType = e.eventType();
        String trace = e.traceId();
        String correlation = e.correlationId();
        long tenant = e.tenantId();
        int eventIdLen = GoJson.stringLength(eventId);
        int aggregateIdLen = GoJson.stringLength(aggregateId);
        int eventTypeLen = GoJson.stringLength(eventType);
        int traceLen = trace == null ? 0 : GoJson.stringLength(trace);
        int correlationLen = correlation == null ? 0 : GoJson.stringLength(correlation);

        int size = K_EVENT_ID.length + eventIdLen + K_AGGREGATE_ID.length + aggregateIdLen
                + K_EVENT_TYPE.length + eventTypeLen
                + K_EVENT_VERSION.length + GoJson.longLength(e.eventVersion())
                + K_TIMESTAMP.length + Rfc3339.formattedLength(e.timestamp())
                + (trace == null ? 0 : K_TRACE_ID.length + traceLen)
                + (correlation == null ? 0 : K_CORRELATION_ID.length + correlationLen)
                + (tenant == 0 ? K_PAYLOAD_AFTER_STRING.length
                        : K_TENANT_ID.length + GoJson.longLength(tenant) + K_PAYLOAD_AFTER_NUMBER.length)
                + e.payloadLength() + 1;

        byte[] b = new byte[size];
        int p = GoJson.writeRaw(b, 0, K_EVENT_ID);
        p = GoJson.writeString(b, p, eventId, eventIdLen);
        p = GoJson.writeRaw(b, p, K_AGGREGATE_ID);
        p = GoJson.writeString(b, p, aggregateId, aggregateIdLen);
        p = GoJson.writeRaw(b, p, K_EVENT_TYPE);
        p = GoJson.writeString(b, p, eventType, eventTypeLen);
        p = GoJson.writeRaw(b, p, K_EVENT_VERSION);
        p = GoJson.writeLong(b, p, e.eventVersion());
        p = GoJson.writeRaw(b, p, K_TIMESTAMP);
        p = Rfc3339.appendTo(e.timestamp(), b, p);
        if (trace != null) {
            p = GoJson.writeRaw(b, p, K_TRACE_ID);
            p = GoJson.writeString(b, p, trace, traceLen);
        }
        if (correlation != null) {
            p = GoJson.writeRaw(b, p, K_CORRELATION_ID);
            p = GoJson.writeString(b, p, correlation, correlationLen);
        }
        if (tenant != 0) {
            p = GoJson.writeRaw(b, p, K_TENANT_ID);
            p = GoJson.writeLong(b, p, tenant);
            p = GoJson.writeRaw(b, p, K_PAYLOAD_AFTER_NUMBER);
        } else {
            p = GoJson.writeRaw(b, p, K_PAYLOAD_AFTER_STRING);
        }
        System.arraycopy(e.payloadArray(), e.payloadOffset(), b, p, e.payloadLength());
        p += e.payloadLength();
        b[p++] = '}';
        if (p != size) {
            throw new IllegalStateException("size estimate " + size + " != written " + p);
        }
        return b;
    }

    /**
     * Decodes and validates an envelope from UTF-8 JSON.
     *
     * @throws InvalidEnvelopeException if the bytes are not a valid envelope
     */
    public Envelope decode(byte[] data) {
        return decode(data, 0, data.length);
    }

    /**
     * Decodes and validates an envelope from {@code length} bytes of {@code data} starting at
     * {@code offset}. The returned payload is a copy of the payload's bytes.
     *
     * @throws InvalidEnvelopeException if the bytes are not a valid envelope
     * @throws IndexOutOfBoundsException if offset/length are outside {@code data}
     */
    public Envelope decode(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        Envelope e = EnvelopeDecoder.decode(data, offset, length, true);
        EnvelopeValidator.validate(e, false);
        return e;
    }

    /**
     * Decodes and validates an envelope from all of {@code data}, like {@link #decode(byte[])}, without copying the
     * payload: it stays a view of {@code data}, so the caller must not modify {@code data} afterwards. For the
     * transports, which own each record's bytes.
     *
     * @throws InvalidEnvelopeException if the bytes are not a valid envelope
     */
    public Envelope decodeInPlace(byte[] data) {
        Envelope e = EnvelopeDecoder.decode(data, 0, data.length, false);
        EnvelopeValidator.validate(e, false);
        return e;
    }
}
