package dev.eventbus.camel.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable event envelope: routing/identity metadata plus a raw UTF-8 JSON payload.
 *
 * <p>Instances are created with {@link #builder()} and are not validated on construction; use
 * {@link EnvelopeValidator#validate(Envelope)} or {@link EnvelopeCodec#encode(Envelope)}.
 * {@code traceId} and {@code correlationId} are {@code null} when absent (an empty string is
 * normalised to {@code null}). {@link #toString()} never includes the payload.
 */
public final class Envelope {

    private final String eventId;
    private final String aggregateId;
    private final String eventType;
    private final long eventVersion;
    private final Instant timestamp;
    private final String traceId;
    private final String correlationId;
    private final long tenantId;
    /** The payload is {@code payloadLength} bytes of this array from {@code payloadOffset}, or absent when null. */
    private final byte[] payloadBytes;
    private final int payloadOffset;
    private final int payloadLength;
    /** {@link #payload()}'s copy of a view. */
    private volatile byte[] payloadCopy;

    private Envelope(Builder b, String eventId, Instant timestamp) {
        this.eventId = eventId;
        this.aggregateId = b.aggregateId;
        this.eventType = b.eventType;
        this.eventVersion = b.eventVersion;
        this.timestamp = timestamp;
        this.traceId = emptyToNull(b.traceId);
        this.correlationId = emptyToNull(b.correlationId);
        this.tenantId = b.tenantId;
        this.payloadBytes = b.payload;
        this.payloadOffset = b.payloadOffset;
        this.payloadLength = b.payloadLength;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Returns a new builder with no fields set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised with all fields of this envelope (payload not copied). */
    public Builder toBuilder() {
        return new Builder().eventId(eventId).aggregateId(aggregateId).eventType(eventType)
                .eventVersion(eventVersion).timestamp(timestamp).traceId(traceId)
                .correlationId(correlationId).tenantId(tenantId).payload(payloadBytes, payloadOffset, payloadLength);
    }

    /** Returns the unique event id (wire {@code event_id}), normally a UUIDv7. */
    public String eventId() {
        return eventId;
    }

    /** Returns the aggregate id (wire {@code aggregate_id}). */
    public String aggregateId() {
        return aggregateId;
    }

    /** Returns the event type (wire {@code event_type}). */
    public String eventType() {
        return eventType;
    }

    /** Returns the event schema version (wire {@code event_version}). */
    public long eventVersion() {
        return eventVersion;
    }

    /** Returns the event time (wire {@code timestamp}). */
    public Instant timestamp() {
        return timestamp;
    }

    /** Returns the trace id, or {@code null} when absent. */
    public String traceId() {
        return traceId;
    }

    /** Returns the correlation id, or {@code null} when absent. */
    public String correlationId() {
        return correlationId;
    }

    /** Returns the tenant id, {@code 0} when absent. */
    public long tenantId() {
        return tenantId;
    }

    /**
     * Returns the raw UTF-8 JSON payload bytes, or {@code null} when absent. Do not modify the array: it is the one
     * given to the builder, or, when the envelope holds a range of a larger array (a decoded envelope's payload is a
     * view of the record), a copy of that range made on the first call.
     */
    public byte[] payload() {
        byte[] bytes = payloadBytes;
        if (bytes == null || (payloadOffset == 0 && payloadLength == bytes.length)) {
            return bytes;
        }
        byte[] copy = payloadCopy;
        if (copy == null) {
            copy = Arrays.copyOfRange(bytes, payloadOffset, payloadOffset + payloadLength);
            payloadCopy = copy;
        }
        return copy;
    }

    /** Returns the payload's length in bytes, {@code 0} when absent. */
    public int payloadLength() {
        return payloadLength;
    }

    /** Returns the payload decoded as UTF-8 (a JSON text), or {@code null} when absent. Makes no copy of a view. */
    public String payloadAsString() {
        return payloadBytes == null ? null
                : new String(payloadBytes, payloadOffset, payloadLength, StandardCharsets.UTF_8);
    }

    /** Returns the array holding the payload (the builder's, or a record's for a view); {@code null} when absent. */
    byte[] payloadArray() {
        return payloadBytes;
    }

    /** Returns where the payload starts in {@link #payloadArray()}. */
    int payloadOffset() {
        return payloadOffset;
    }

    /** Compares all fields, the payload by content. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Envelope)) {
            return false;
        }
        Envelope e = (Envelope) o;
        return eventVersion == e.eventVersion && tenantId == e.tenantId
                && Objects.equals(eventId, e.eventId) && Objects.equals(aggregateId, e.aggregateId)
                && Objects.equals(eventType, e.eventType) && Objects.equals(timestamp, e.timestamp)
                && Objects.equals(traceId, e.traceId) && Objects.equals(correlationId, e.correlationId)
                && payloadEquals(e);
    }

    /** Hashes all fields, the payload by content. */
    @Override
    public int hashCode() {
        int h = Objects.hash(eventId, aggregateId, eventType, eventVersion, timestamp, traceId,
                correlationId, tenantId);
        int p = 0;
        if (payloadBytes != null) {
            p = 1;
            for (int i = payloadOffset, stop = payloadOffset + payloadLength; i < stop; i++) {
                p = 31 * p + payloadBytes[i];
            }
        }
        return 31 * h + p; // the payload part equals Arrays.hashCode(payload())
    }

    private boolean payloadEquals(Envelope e) {
        if (payloadBytes == null || e.payloadBytes == null) {
            return payloadBytes == e.payloadBytes;
        }
        return Arrays.equals(payloadBytes, payloadOffset, payloadOffset + payloadLength,
                e.payloadBytes, e.payloadOffset, e.payloadOffset + e.payloadLength);
    }

    /** Describes the envelope without the payload content (only its length is shown). */
    @Override
    public String toString() {
        return "Envelope{eventId=" + eventId + ", aggregateId=" + aggregateId
                + ", eventType=" + eventType + ", eventVersion=" + eventVersion
                + ", timestamp=" + timestamp + ", traceId=" + traceId
                + ", correlationId=" + correlationId + ", tenantId=" + tenantId
                + ", payloadLength=" + (payloadBytes == null ? "null" : payloadLength) + '}';
    }

    /** Fluent builder for {@link Envelope}; not thread-safe. */
    public static final class Builder {
        private String eventId;
        private String aggregateId;
        private String eventType;
        private long eventVersion;
        private Instant timestamp;
        private String traceId;
        private String correlationId;
        private long tenantId;
        private byte[] payload;
        private int payloadOffset;
        private int payloadLength;

        Builder() {
        }

        /** Sets the event id; when left {@code null}, {@link #build()} generates a UUIDv7. */
        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        /** Sets the aggregate id. */
        public Builder aggregateId(String aggregateId) {
            this.aggregateId = aggregateId;
            return this;
        }

        /** Sets the event type. */
        public Builder eventType(String eventType) {
            this.eventType = eventType;
            return this;
        }

        /** Sets the event version (must be &gt;= 1 to be valid). */
        public Builder eventVersion(long eventVersion) {
            this.eventVersion = eventVersion;
            return this;
        }

        /** Sets the timestamp; when left {@code null}, {@link #build()} uses {@link Instant#now()}. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** Sets the trace id ({@code null} or empty means absent). */
        public Builder traceId(String traceId) {
            this.traceId = traceId;
            return this;
        }

        /** Sets the correlation id ({@code null} or empty means absent). */
        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        /** Sets the tenant id ({@code 0} means absent). */
        public Builder tenantId(long tenantId) {
            this.tenantId = tenantId;
            return this;
        }

        /** Sets the payload as raw UTF-8 JSON bytes. The array is not copied: do not modify it later. */
        public Builder payload(byte[] utf8Json) {
            return payload(utf8Json, 0, utf8Json == null ? 0 : utf8Json.length);
        }

        /**
         * Sets the payload as {@code length} raw UTF-8 JSON bytes of {@code array} from {@code offset}; {@code null}
         * clears it. The array is not copied: do not modify it later.
         *
         * @throws IndexOutOfBoundsException if the range is outside the array
         */
        public Builder payload(byte[] array, int offset, int length) {
            if (array != null) {
                Objects.checkFromIndexSize(offset, length, array.length);
            }
            this.payload = array;
            this.payloadOffset = array == null ? 0 : offset;
            this.payloadLength = array == null ? 0 : length;
            return this;
        }

        /** Sets the payload from a JSON text (encoded as UTF-8); {@code null} clears it. */
        public Builder payload(String json) {
            return payload(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Builds the envelope without validating it. A {@code null} event id is replaced by a new
         * {@link UuidV7} and a {@code null} timestamp by {@link Instant#now()}.
         */
        public Envelope build() {
            return new Envelope(this, eventId != null ? eventId : UuidV7.next(),
                    timestamp != null ? timestamp : Instant.now());
        }

        /** Builds the envelope exactly as set, without defaults (used by the decoder). */
        Envelope buildRaw() {
            return new Envelope(this, eventId, timestamp);
        }
    }
}
