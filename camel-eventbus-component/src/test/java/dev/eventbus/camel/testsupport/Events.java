package dev.eventbus.camel.testsupport;

import java.util.Map;

import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.envelope.Envelope;

/** The one set of event builders of the tests: the headers a route publishes an event with, and envelopes. */
public final class Events {

    private Events() {
    }

    /** The three headers an event needs: aggregate id, event type and version. */
    public static Map<String, Object> headers(String aggregateId, String type, long version) {
        return Map.of(EventBusConstants.AGGREGATE_ID, aggregateId, EventBusConstants.EVENT_TYPE, type,
                EventBusConstants.EVENT_VERSION, version);
    }

    /** Version {@code version} of {@code aggregateId}, type {@code type}, with a JSON {@code payload}. */
    public static Envelope envelope(String aggregateId, String type, long version, String payload) {
        return Envelope.builder().aggregateId(aggregateId).eventType(type).eventVersion(version).payload(payload)
                .build();
    }
}
