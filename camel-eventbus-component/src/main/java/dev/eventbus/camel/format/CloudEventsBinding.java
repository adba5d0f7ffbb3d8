package dev.eventbus.camel.format;

import java.util.Locale;

import dev.eventbus.camel.transport.HeaderPercentEncoding;
import dev.eventbus.camel.transport.TransportCapabilities;

/**
 * How a transport carries CloudEvents attributes in headers (binary content mode) and marks the structured mode.
 * <ul>
 * <li>{@link #KAFKA} (also the memory transport): the Kafka protocol binding: attributes in {@code ce_<name>} headers,
 * values as UTF-8 text; {@code datacontenttype} in the {@code content-type} header.</li>
 * <li>{@link #NATS}: the NATS protocol binding (1.0.3): attributes, {@code datacontenttype} included, in
 * {@code ce-<name>} headers, values percent-encoded ({@link HeaderPercentEncoding}); a structured message has
 * {@code Content-Type: application/cloudevents+json}.</li>
 * </ul>
 */
public enum CloudEventsBinding {
    KAFKA("ce_", "content-type", false),
    NATS("ce-", "Content-Type", true);

    /** The media type of a structured CloudEvent in the JSON event format. */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    private static final String STRUCTURED_PREFIX = "application/cloudevents";
    /** The content type header of both bindings (header names compare case-insensitively). */
    private static final String CONTENT_TYPE_HEADER = "content-type";

    private final String prefix;
    private final String contentTypeHeader;
    private final boolean percentEncoded;

    CloudEventsBinding(String prefix, String contentTypeHeader, boolean percentEncoded) {
        this.prefix = prefix;
        this.contentTypeHeader = contentTypeHeader;
        this.percentEncoded = percentEncoded;
    }

    /** The binding a transport declares in its capabilities. */
    public static CloudEventsBinding of(TransportCapabilities.CloudEventsHeaders headers) {
        return switch (headers) {
            case KAFKA -> KAFKA;
            case NATS -> NATS;
        };
    }

    /** The header of the content type (a structured event's media type; on Kafka also a binary event's data type). */
    public String contentTypeHeader() {
        return contentTypeHeader;
    }

    /** The header that carries attribute {@code name} in binary mode. */
    String header(String name) {
        if (this == KAFKA && CloudEventAttributes.DATACONTENTTYPE.equals(name)) {
            return contentTypeHeader;
        }
        return prefix + name;
    }

    /** The header value of an attribute value. */
    String encode(String value) {
        return percentEncoded ? HeaderPercentEncoding.CLOUDEVENTS.encode(value) : value;
    }

    /**
     * The attribute value of a header value.
     *
     * @throws IllegalArgumentException when a percent-encoded value is not valid UTF-8
     */
    String decode(String value) {
        return percentEncoded ? HeaderPercentEncoding.CLOUDEVENTS.decode(value) : value;
    }

    /** Whether the decoder reads header {@code name}: an attribute header, or the content type. */
    public boolean isFormatHeader(String name) {
        return isAttributeHeader(name) || name.equalsIgnoreCase(contentTypeHeader);
    }

    /** Whether header {@code name} carries a CloudEvents attribute (header names compare case-insensitively). */
    public boolean isAttributeHeader(String name) {
        return name.length() > prefix.length() && name.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /**
     * Whether header {@code name} belongs to a CloudEvents binding of any transport: a {@code ce_} or {@code ce-}
     * header (any letter case) or a {@code content-type} header. Consumers never copy such headers to the exchange:
     * they describe the record, not the body (whose type is {@code CamelCloudEventDataContentType}), and a foreign
     * {@code ce-} header on a Kafka record would otherwise travel on as a CloudEvent attribute.
     */
    public static boolean isCloudEventsHeader(String name) {
        return name.length() > 3
                && (name.regionMatches(true, 0, "ce_", 0, 3) || name.regionMatches(true, 0, "ce-", 0, 3))
                || name.equalsIgnoreCase(CONTENT_TYPE_HEADER);
    }

    /** The attribute name of an attribute header. */
    String attribute(String header) {
        return header.substring(prefix.length()).toLowerCase(Locale.ROOT);
    }

    /** Whether a content type marks a structured CloudEvent (matched case-insensitively, parameters ignored). */
    static boolean isStructured(String contentType) {
        return contentType != null
                && contentType.regionMatches(true, 0, STRUCTURED_PREFIX, 0, STRUCTURED_PREFIX.length());
    }
}
