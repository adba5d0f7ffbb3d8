package dev.eventbus.camel.format;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeValidator;

/**
 * CloudEvents binary content mode: the payload is the record value, every attribute is a header of the transport's
 * {@link CloudEventsBinding}.
 */
final class BinaryCloudEvents implements EventFormat {

    private final CloudEventsBinding binding;

    BinaryCloudEvents(CloudEventsBinding binding) {
        this.binding = binding;
    }

    @Override
    public EncodedEvent encode(Envelope envelope, String source) {
        EnvelopeValidator.validate(envelope);
        Map<String, String> headers = new LinkedHashMap<>(16);
        CloudEventAttributes.of(envelope, source).forEach((name, value) -> headers.put(binding.header(name),
                binding.encode(value)));
        return new EncodedEvent(envelope.payload(), headers);
    }

    /** {@code headers} hold the decoded attribute values; on Kafka the data content type is the content-type header. */
    @Override
    public Decoded decode(byte[] value, Map<String, String> headers) {
        Map<String, String> attributes = headers;
        if (binding == CloudEventsBinding.KAFKA && headers.containsKey(CloudEventAttributes.CONTENT_TYPE)) {
            attributes = new LinkedHashMap<>(headers);
            attributes.put(CloudEventAttributes.DATACONTENTTYPE, attributes.remove(CloudEventAttributes.CONTENT_TYPE));
        }
        return new Decoded(CloudEventAttributes.toEnvelope(attributes, value),
                attributes.get(CloudEventAttributes.SOURCE));
    }
}
