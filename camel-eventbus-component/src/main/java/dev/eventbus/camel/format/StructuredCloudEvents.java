package dev.eventbus.camel.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeValidator;

/**
 * CloudEvents structured content mode in the JSON event format: the whole event is the record value, the payload
 * embedded verbatim as {@code data}; the only header is the content type {@value CloudEventsBinding#STRUCTURED_CONTENT_TYPE}.
 * Extension values are written as JSON strings (the version and tenant id exceed the CloudEvents Integer range);
 * reading accepts strings, numbers and booleans, and {@code data_base64} holding JSON.
 */
final class StructuredCloudEvents implements EventFormat {

    private static final JsonFactory JSON = new JsonFactory();

    private final CloudEventsBinding binding;

    StructuredCloudEvents(CloudEventsBinding binding) {
        this.binding = binding;
    }

    @Override
    public EncodedEvent encode(Envelope envelope, String source) {
        EnvelopeValidator.validate(envelope);
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.payloadLength() + 400);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> a : CloudEventAttributes.of(envelope, source).entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeFieldName("data");
            g.writeRawValue(envelope.payloadAsString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EncodedEvent(out.toByteArray(),
                Map.of(binding.contentTypeHeader(), CloudEventsBinding.STRUCTURED_CONTENT_TYPE));
    }

    @Override
    public Decoded decode(byte[] value, Map<String, String> headers) {
        if (value == null) {
            throw CloudEventAttributes.invalid("data", "must be present (the record has no value)");
        }
        Map<String, String> attributes = new HashMap<>(16);
        byte[] data = null;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw CloudEventAttributes.invalid("event", "must be a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if ("data".equals(name)) {
                    data = token == JsonToken.VALUE_NULL ? null : rawValue(p, value);
                } else if ("data_base64".equals(name) && token == JsonToken.VALUE_STRING) {
                    data = Base64.getDecoder().decode(p.getText());
                } else if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
                    attributes.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw CloudEventAttributes.invalid("event", "must be one JSON object (trailing content)");
            }
        } catch (JsonProcessingException e) {
            throw CloudEventAttributes.invalid("event", "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CloudEventAttributes.invalid("data_base64", "must be base64", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Decoded(CloudEventAttributes.toEnvelope(attributes, data),
                attributes.get(CloudEventAttributes.SOURCE));
    }

    /** The bytes of the value the parser stands on, as they are in {@code source}. */
    private static byte[] rawValue(JsonParser p, byte[] source) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (p.currentToken().isStructStart()) {
            p.skipChildren();
        } else {
            p.getText(); // finishes the token, so that the location is after it
        }
        int end = (int) p.currentLocation().getByteOffset();
        byte[] raw = new byte[end - start];
        System.arraycopy(source, start, raw, 0, raw.length);
        return raw;
    }
}
