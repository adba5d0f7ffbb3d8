package dev.eventbus.camel.format;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import dev.eventbus.camel.transport.Delivery;

/**
 * The wire formats of one transport, and the detector that tells a consumed record's format from its headers:
 * <ol>
 * <li>a CloudEvents {@code specversion} header ({@code ce_specversion}, NATS {@code ce-specversion}): binary mode;</li>
 * <li>else a content type starting with {@code application/cloudevents}: structured mode;</li>
 * <li>else the envelope.</li>
 * </ol>
 * Every format yields the same validated envelope, so ordering, duplicate and dead-letter rules do not depend on it.
 */
public final class EventFormats {

    private final CloudEventsBinding binding;
    private final EventFormat envelope;
    private final EventFormat binary;
    private final EventFormat structured;

    public EventFormats(CloudEventsBinding binding, EnvelopeCodec codec) {
        this.binding = binding;
        this.envelope = new EnvelopeFormat(codec);
        this.binary = new BinaryCloudEvents(binding);
        this.structured = new StructuredCloudEvents(binding);
    }

    /** The CloudEvents binding of the transport. */
    public CloudEventsBinding binding() {
        return binding;
    }

    /** The envelope format (the default). */
    public EventFormat envelope() {
        return envelope;
    }

    /** CloudEvents binary content mode. */
    public EventFormat binary() {
        return binary;
    }

    /** CloudEvents structured content mode (JSON event format). */
    public EventFormat structured() {
        return structured;
    }

    /**
     * Detects the record's format and decodes it.
     *
     * @throws InvalidEnvelopeException when the record is not a valid event of its format
     */
    public EventFormat.Decoded decode(Delivery delivery) {
        FormatHeaders found = new FormatHeaders();
        delivery.forEachHeader(binding::isFormatHeader, found);
        Map<String, String> headers = found.headers;
        if (headers.containsKey(CloudEventAttributes.SPECVERSION)) {
            if (found.failure != null) {
                throw new InvalidEnvelopeException("CloudEvent", "has an undecodable " + found.failure);
            }
            return binary.decode(delivery.value(), headers);
        }
        if (CloudEventsBinding.isStructured(headers.get(CloudEventAttributes.CONTENT_TYPE))) {
            return structured.decode(delivery.value(), headers);
        }
        return envelope.decode(delivery.value(), headers);
    }

    /** Collects a record's attribute headers by attribute name (values decoded) and its content type. */
    private final class FormatHeaders implements BiConsumer<String, String> {
        /** Empty and shared until a header is found: an envelope record allocates nothing. */
        Map<String, String> headers = Map.of();
        String failure;

        @Override
        public void accept(String name, String value) {
            if (value == null) {
                return;
            }
            if (headers.isEmpty()) {
                headers = new HashMap<>(16);
            }
            if (!binding.isAttributeHeader(name)) {
                headers.put(CloudEventAttributes.CONTENT_TYPE, value);
                return;
            }
            try {
                headers.putIfAbsent(binding.attribute(name), binding.decode(value));
            } catch (IllegalArgumentException e) {
                failure = "header " + name + ": " + e.getMessage();
            }
        }
    }
}
