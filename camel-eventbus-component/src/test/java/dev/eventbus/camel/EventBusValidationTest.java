package dev.eventbus.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every publish-side validation rule fails the exchange with the exact message, and nothing is published. */
class EventBusValidationTest extends EventBusTestSupport {

    static Stream<Arguments> invalidEvents() {
        return Stream.of(
                Arguments.of("blank event id", headers(EventBusConstants.EVENT_ID, " "), "{}",
                        "Invalid envelope: event_id must not be blank"),
                Arguments.of("missing aggregate id", headers(EventBusConstants.AGGREGATE_ID, null), "{}",
                        "Invalid envelope: aggregate_id must not be blank"),
                Arguments.of("aggregate id too long", headers(EventBusConstants.AGGREGATE_ID, "a".repeat(257)), "{}",
                        "Invalid envelope: aggregate_id must be at most 256 characters (was 257)"),
                Arguments.of("aggregate id with a space", headers(EventBusConstants.AGGREGATE_ID, "order 1"), "{}",
                        "Invalid envelope: aggregate_id must contain only [A-Za-z0-9:_-./] (invalid character \\u0020 at index 5)"),
                Arguments.of("missing event type", headers(EventBusConstants.EVENT_TYPE, null), "{}",
                        "Invalid envelope: event_type must not be blank"),
                Arguments.of("version 0", headers(EventBusConstants.EVENT_VERSION, 0L), "{}",
                        "Invalid envelope: event_version must be >= 1 (was 0)"),
                Arguments.of("missing version", headers(EventBusConstants.EVENT_VERSION, null), "{}",
                        "Invalid envelope: event_version must be >= 1 (was 0)"),
                Arguments.of("version not a number", headers(EventBusConstants.EVENT_VERSION, "three"), "{}",
                        "Invalid envelope: event_version must be an integer (header CamelEventBusEventVersion could not be converted)"),
                Arguments.of("no payload", headers(null, null), null,
                        "Invalid envelope: payload must be present"),
                Arguments.of("payload not JSON", headers(null, null), "not json",
                        "Invalid envelope: payload must be valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("payload with trailing content", headers(null, null), "{} {}",
                        "Invalid envelope: payload must be valid JSON: unexpected trailing content after the JSON value"),
                Arguments.of("bad timestamp", headers(EventBusConstants.TIMESTAMP, "yesterday"), "{}",
                        "Invalid envelope: timestamp must be an RFC 3339 date-time"));
    }

    private static Map<String, Object> headers(String name, Object value) {
        Map<String, Object> headers = new HashMap<>(event("order-1", "OrderPlaced", 1));
        if (name != null) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        }
        return headers;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void invalidEventsAreRefusedNamingFieldAndRule(String name, Map<String, Object> headers, String body,
            String message) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeaders("eventbus:invalid", body, headers));
        InvalidEnvelopeException invalid = assertInstanceOf(InvalidEnvelopeException.class, e.getCause());
        assertEquals(message, invalid.getMessage());
        assertEquals(0, retained("invalid"), "something was published");
    }

    @Test
    void aBatchWithInvalidItemsIsRefusedWholeNamingEachItem() {
        Envelope good = Envelope.builder().aggregateId("order-1").eventType("A").eventVersion(1).payload("{}").build();
        Envelope noType = good.toBuilder().eventType("").build();
        Envelope badVersion = good.toBuilder().eventVersion(-2).build();
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBody("eventbus:invalid", List.of(good, noType, good, badVersion)));
        RejectedBatchException rejected = assertInstanceOf(RejectedBatchException.class, e.getCause());
        assertEquals("2 of 4 events in the batch are invalid, nothing was published: "
                + "item 1: Invalid envelope: event_type must not be blank; "
                + "item 3: Invalid envelope: event_version must be >= 1 (was -2)", rejected.getMessage());
        assertEquals(List.of(1, 3), List.copyOf(rejected.failures().keySet()));
        assertEquals(0, retained("invalid"));
    }
}
