package dev.eventbus.camel.format;

import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;

/** One wire format: writes an envelope as a record value with headers, and reads it back. */
public interface EventFormat {

    /**
     * Validates the envelope and encodes it.
     *
     * @param source the CloudEvents {@code source} of the event (ignored by the envelope format)
     * @throws InvalidEnvelopeException when the envelope is invalid (nothing is encoded)
     */
    EncodedEvent encode(Envelope envelope, String source);

    /**
     * Decodes and validates a record of this format.
     *
     * @param value   the record value
     * @param headers the record's CloudEvents headers, by attribute name ({@code id}, not {@code ce_id}), values
     *                decoded; {@code content-type} under {@link CloudEventAttributes#CONTENT_TYPE}
     * @throws InvalidEnvelopeException naming the missing or invalid field
     */
    Decoded decode(byte[] value, Map<String, String> headers);

    /**
     * A decoded record.
     *
     * @param envelope the event
     * @param source   the CloudEvents {@code source} the record carried, or null (envelope records)
     */
    record Decoded(Envelope envelope, String source) {
    }
}
