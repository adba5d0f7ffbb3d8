package dev.eventbus.camel.transport;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The W3C trace context rules without Camel: names, validation, trace id. */
class TraceHeadersTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void namesInAnyLetterCaseMapToTheLowercaseOnes() {
        assertEquals("traceparent", TraceHeaders.wireName("TraceParent"));
        assertEquals("tracestate", TraceHeaders.wireName("TRACESTATE"));
        assertEquals("baggage", TraceHeaders.wireName("bAgGaGe"));
        assertNull(TraceHeaders.wireName("traceparent2"));
        assertNull(TraceHeaders.wireName("X-Trace-ID"));
        assertNull(TraceHeaders.wireName(null));
    }

    @Test
    void traceparentFollowsTheW3cForm() {
        assertTrue(TraceHeaders.valid("traceparent", TRACEPARENT));
        assertTrue(TraceHeaders.valid("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"));
        // a later version may append fields after a dash
        assertTrue(TraceHeaders.valid("traceparent", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-xyz"));
        assertFalse(TraceHeaders.valid("traceparent", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01xyz"));
        assertFalse(TraceHeaders.valid("traceparent", TRACEPARENT + "-"));
        assertFalse(TraceHeaders.valid("traceparent", TRACEPARENT.replace('4', 'g')));
        assertFalse(TraceHeaders.valid("traceparent", ""));
        assertFalse(TraceHeaders.valid("traceparent", null));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", TraceHeaders.traceId(TRACEPARENT));
        assertNull(TraceHeaders.traceId("trace-1"));
        assertNull(TraceHeaders.traceId(null));
    }

    @Test
    void aCamelMessagesHeadersAreTrimmedAndTracestateNeedsATraceparent() {
        Map<String, String> headers = new HashMap<>();
        headers.put("traceparent", " " + TRACEPARENT + " ");
        headers.put("tracestate", "a=1");
        assertEquals(Map.of("traceparent", TRACEPARENT, "tracestate", "a=1"), TraceHeaders.from(headers::get));
        headers.remove("traceparent");
        headers.put("baggage", "k=v");
        assertEquals(Map.of("baggage", "k=v"), TraceHeaders.from(headers::get));
        assertEquals(Map.of(), TraceHeaders.from(name -> null));
    }
}
