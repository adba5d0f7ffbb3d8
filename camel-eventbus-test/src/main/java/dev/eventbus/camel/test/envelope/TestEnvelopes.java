package dev.eventbus.camel.test.envelope;

import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.EnvelopeValidator;

/**
 * Valid envelopes for tests, built with {@link Envelope#builder()}: {@link #builder()} comes with every required field
 * set (event type {@value #EVENT_TYPE}, version 1, payload {@code {}}, a new UUIDv7 event id and the current time), so
 * a test sets only what it is about. {@link #encode(Envelope)} gives the wire bytes a foreign producer would send, {@link #decode(byte[])} reads them
 * back (e.g. a dead letter's value).
 */
public final class TestEnvelopes {

    /** The event type of {@link #builder()}. */
    public static final String EVENT_TYPE = "TestEvent";
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();

    private TestEnvelopes() {
    }

    /** A builder with aggregate {@code test-1}, type {@value #EVENT_TYPE}, version 1 and payload {@code {}}. */
    public static Envelope.Builder builder() {
        return Envelope.builder().aggregateId("test-1").eventType(EVENT_TYPE).eventVersion(1).payload("{}");
    }

    /** A valid envelope of {@code aggregateId} at {@code version} with the JSON {@code payload}. */
    public static Envelope event(String aggregateId, long version, String payload) {
        return valid(builder().aggregateId(aggregateId).eventVersion(version).payload(payload).build());
    }

    /** A valid envelope of {@code aggregateId} at {@code version} with payload {@code {}}. */
    public static Envelope event(String aggregateId, long version) {
        return event(aggregateId, version, "{}");
    }

    /** Versions 1..{@code count} of {@code aggregateId}, in order, payload {@code {"n":<version>}}. */
    public static List<Envelope> history(String aggregateId, int count) {
        List<Envelope> events = new ArrayList<>(count);
        for (int version = 1; version <= count; version++) {
            events.add(event(aggregateId, version, "{\"n\":" + version + "}"));
        }
        return events;
    }

    /** {@code envelope} after checking it against the component's rules; throws InvalidEnvelopeException if not. */
    public static Envelope valid(Envelope envelope) {
        EnvelopeValidator.validate(envelope);
        return envelope;
    }

    /** The envelope's JSON bytes, as the component puts them on the wire. */
    public static byte[] encode(Envelope envelope) {
        return CODEC.encode(envelope);
    }

    /** The envelope in wire bytes, e.g. the value of a dead letter; throws InvalidEnvelopeException if it is none. */
    public static Envelope decode(byte[] wire) {
        return CODEC.decode(wire);
    }
}
