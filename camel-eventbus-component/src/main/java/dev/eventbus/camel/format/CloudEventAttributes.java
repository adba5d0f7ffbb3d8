package dev.eventbus.camel.format;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeValidator;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import dev.eventbus.camel.envelope.Rfc3339;

/**
 * The mapping between an envelope and CloudEvents 1.0 context attributes (the README's table): {@code id} =
 * event_id, {@code type} = event_type, {@code subject} = aggregate_id, {@code time} = timestamp (RFC 3339 with
 * nanoseconds, UTC, as the envelope writes it), {@code datacontenttype} = application/json, {@code data} = payload;
 * extension attributes {@code eventversion}, {@code correlationid}, {@code tenantid}, {@code traceid},
 * {@code partitionkey} (= aggregate_id) and {@code traceparent} (when the trace id is a W3C traceparent).
 * <p>
 * Reading back checks the attributes a CloudEvent must carry to be an event of this bus, then applies the envelope's
 * own rules ({@link EnvelopeValidator}); every violation names the CloudEvents attribute.
 */
public final class CloudEventAttributes {

    public static final String SPECVERSION = "specversion";
    public static final String ID = "id";
    public static final String SOURCE = "source";
    public static final String TYPE = "type";
    public static final String SUBJECT = "subject";
    public static final String TIME = "time";
    public static final String DATACONTENTTYPE = "datacontenttype";
    public static final String EVENTVERSION = "eventversion";
    public static final String CORRELATIONID = "correlationid";
    public static final String TENANTID = "tenantid";
    public static final String TRACEID = "traceid";
    public static final String TRACEPARENT = "traceparent";
    public static final String PARTITIONKEY = "partitionkey";
    /** Key of the transport's content type header in the decoded header map (not an attribute). */
    public static final String CONTENT_TYPE = "content-type";

    /** The only CloudEvents version written and read. */
    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** W3C trace context {@code traceparent}: version, trace id, parent id, flags. */
    private static final Pattern TRACEPARENT_FORM = Pattern
            .compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private CloudEventAttributes() {
    }

    /** The attributes of a (validated) envelope, without {@code data}, in a fixed order. */
    static Map<String, String> of(Envelope e, String source) {
        Map<String, String> a = new LinkedHashMap<>(16);
        a.put(SPECVERSION, SPEC_VERSION);
        a.put(ID, e.eventId());
        a.put(SOURCE, source);
        a.put(TYPE, e.eventType());
        a.put(SUBJECT, e.aggregateId());
        a.put(TIME, Rfc3339.format(e.timestamp()));
        a.put(DATACONTENTTYPE, JSON);
        a.put(EVENTVERSION, Long.toString(e.eventVersion()));
        if (e.correlationId() != null) {
            a.put(CORRELATIONID, e.correlationId());
        }
        if (e.tenantId() != 0) {
            a.put(TENANTID, Long.toString(e.tenantId()));
        }
        if (e.traceId() != null) {
            a.put(TRACEID, e.traceId());
            if (isTraceparent(e.traceId())) {
                a.put(TRACEPARENT, e.traceId());
            }
        }
        a.put(PARTITIONKEY, e.aggregateId());
        return a;
    }

    /** Whether {@code value} has the form of a W3C {@code traceparent}. */
    static boolean isTraceparent(String value) {
        return value.length() == 55 && TRACEPARENT_FORM.matcher(value).matches();
    }

    /**
     * The envelope of a CloudEvent, validated.
     *
     * @param a    the attributes by name (extension values as their canonical strings)
     * @param data the event data (the JSON payload), or null when the event has none
     * @throws InvalidEnvelopeException naming the CloudEvents attribute
     */
    static Envelope toEnvelope(Map<String, String> a, byte[] data) {
        String spec = a.get(SPECVERSION);
        if (!SPEC_VERSION.equals(spec)) {
            throw invalid(SPECVERSION,
                    spec == null ? "must be present" : "must be " + SPEC_VERSION + " (was " + spec + ")");
        }
        required(a, ID);
        required(a, SOURCE);
        required(a, TYPE);
        required(a, SUBJECT);
        String contentType = a.get(DATACONTENTTYPE);
        if (contentType != null && !isJson(contentType)) {
            throw invalid(DATACONTENTTYPE, "must be application/json or a +json type (was " + contentType + ")");
        }
        Envelope envelope = Envelope.builder()
                .eventId(a.get(ID))
                .eventType(a.get(TYPE))
                .aggregateId(a.get(SUBJECT))
                .timestamp(time(a.get(TIME)))
                .eventVersion(number(a, EVENTVERSION, true))
                .tenantId(number(a, TENANTID, false))
                .correlationId(a.get(CORRELATIONID))
                .traceId(a.getOrDefault(TRACEID, a.get(TRACEPARENT)))
                .payload(data)
                .build();
        try {
            EnvelopeValidator.validate(envelope);
        } catch (InvalidEnvelopeException e) {
            throw invalid(attributeOf(e.field()), e.rule(), e);
        }
        return envelope;
    }

    /** Whether a media type is JSON ({@code application/json}, {@code text/json}, or a {@code +json} suffix). */
    static boolean isJson(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        type = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return type.equals(JSON) || type.equals("text/json") || type.endsWith("+json");
    }

    private static void required(Map<String, String> a, String name) {
        String value = a.get(name);
        if (value == null || value.isEmpty()) {
            throw invalid(name, "must be present");
        }
    }

    private static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid(TIME, "must be present");
        }
        try {
            return Rfc3339.parse(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw invalid(TIME, "must be an RFC 3339 timestamp", e);
        }
    }

    private static long number(Map<String, String> a, String name, boolean required) {
        String text = a.get(name);
        if (text == null || text.isEmpty()) {
            if (required) {
                throw invalid(name, "must be present");
            }
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer", e);
        }
    }

    /** The attribute that carries an envelope field. */
    private static String attributeOf(String envelopeField) {
        return switch (envelopeField) {
            case "event_id" -> ID;
            case "aggregate_id" -> SUBJECT;
            case "event_type" -> TYPE;
            case "event_version" -> EVENTVERSION;
            case "timestamp" -> TIME;
            case "payload" -> "data";
            case "tenant_id" -> TENANTID;
            default -> envelopeField;
        };
    }

    static InvalidEnvelopeException invalid(String attribute, String rule) {
        return new InvalidEnvelopeException("CloudEvent attribute '" + attribute + "'", rule);
    }

    static InvalidEnvelopeException invalid(String attribute, String rule, Throwable cause) {
        return new InvalidEnvelopeException("CloudEvent attribute '" + attribute + "'", rule, cause);
    }
}
