package dev.eventbus.camel.format;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire formats of one transport, and the detector that tells a consumed record's format from its headers:
 * <ol>
 * <li>a content type starting with {@code application/cloudevents}: structured mode (as the Kafka binding and the
 * CloudEvents SDK decide: the content type first);</li>
 * <li>else a CloudEvents {@code specversion} header ({@code ce_specversion}, NATS {@code ce-specversion}): binary mode;</li>
 * <li>else the envelope.</li>
 * </ol>
 * A record whose CloudEvent is invalid but whose value is a valid envelope is consumed as the envelope (WARN).
 * Every format yields the same validated envelope, so ordering, duplicate and dead-letter rules do not depend on it.
 */
public final class EventFormats {

    private static final Logger LOG = LoggerFactory.getLogger(EventFormats.class);

    private final CloudEventsBinding binding;
    private final EventFormat envelope;
    private final EventFormat binary;
    private final EventFormat structured;
    /** Held once: a per-record method reference would allocate for every record. */
    private final Predicate<String> isFormatHeader;
    private final RateLimitedLog fallbackLog = new RateLimitedLog(LOG, 10_000);

    public EventFormats(CloudEventsBinding binding, EnvelopeCodec codec) {
        this.binding = binding;
        this.envelope = new EnvelopeFormat(codec);
        this.binary = new BinaryCloudEvents(binding);
        this.structured = new StructuredCloudEvents(binding);
        this.isFormatHeader = binding::isFormatHeader;
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
     * Detects the record's format and decodes it. A record whose CloudEvent does not decode but whose value is a valid
     * envelope (a stray {@code ce_specversion} header, copied by a proxy) is taken as the envelope, with a WARN.
     *
     * @throws InvalidEnvelopeException when the record is not a valid event of its format
     */
    public EventFormat.Decoded decode(Delivery delivery) {
        FormatHeaders found = new FormatHeaders();
        delivery.forEachHeader(isFormatHeader, found);
        Map<String, String> headers = found.headers;
        if (headers.isEmpty()) {
            return envelope.decode(delivery.value(), headers);
        }
        try {
            if (CloudEventsBinding.isStructured(headers.get(CloudEventAttributes.CONTENT_TYPE))) {
                return structured.decode(delivery.value(), headers);
            }
            if (headers.containsKey(CloudEventAttributes.SPECVERSION)) {
                if (found.failure != null) {
                    throw new InvalidEnvelopeException("CloudEvent", "has an undecodable " + found.failure);
                }
                return binary.decode(delivery.value(), headers);
            }
        } catch (InvalidEnvelopeException e) {
            return envelopeInstead(delivery, e);
        }
        return envelope.decode(delivery.value(), headers);
    }

    /** The envelope a record holds after all, or the CloudEvents failure when its value is no envelope either. */
    private EventFormat.Decoded envelopeInstead(Delivery delivery, InvalidEnvelopeException cloudEventFailure) {
        EventFormat.Decoded decoded;
        try {
            decoded = envelope.decode(delivery.value(), Map.of());
        } catch (RuntimeException | StackOverflowError e) {
            throw cloudEventFailure;
        }
        fallbackLog.warn(
                "A record on {} partition {} at {} carries CloudEvents headers but is no valid CloudEvent ({}); "
                        + "its value is a valid envelope and is consumed as one",
                delivery.topic(), delivery.partition(), delivery.offset(), cloudEventFailure.getMessage());
        return decoded;
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
