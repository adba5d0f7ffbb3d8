package dev.eventbus.camel.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The header value encoding of the CloudEvents NATS binding, with the binding's own example. */
class HeaderPercentEncodingTest {

    @Test
    void theBindingsExample() {
        assertEquals("Euro%20%E2%82%AC%20%F0%9F%98%80", HeaderPercentEncoding.CLOUDEVENTS.encode("Euro € 😀"));
        assertEquals("Euro € 😀", HeaderPercentEncoding.CLOUDEVENTS.decode("Euro%20%E2%82%AC%20%F0%9F%98%80"));
    }

    @Test
    void encodesSpaceQuotePercentAndControlsButNotPlus() {
        assertEquals("a%22b%25c+d%0A%7F", HeaderPercentEncoding.CLOUDEVENTS.encode("a\"b%c+d\n\u007f"));
        assertEquals("2024-05-01T12:00:00+02:00",
                HeaderPercentEncoding.CLOUDEVENTS.encode("2024-05-01T12:00:00+02:00"));
    }

    @Test
    void decodingAcceptsLowerCaseUnnecessaryEncodingAndQuotedValues() {
        assertEquals("a€", HeaderPercentEncoding.CLOUDEVENTS.decode("%61%e2%82%ac"));
        assertEquals("x+y", HeaderPercentEncoding.CLOUDEVENTS.decode("x+y"));
        assertEquals("say \"hi\"", HeaderPercentEncoding.CLOUDEVENTS.decode("\"say \\\"hi\\\"\""));
        assertEquals("😀x", HeaderPercentEncoding.CLOUDEVENTS.decode("😀x"));
    }

    @Test
    void decodingRejectsBadEscapesAndInvalidUtf8() {
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.CLOUDEVENTS.decode("%C0%A0")); // overlong space
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.CLOUDEVENTS.decode("%G1"));
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.CLOUDEVENTS.decode("ab%4"));
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.CLOUDEVENTS.decode("%FF"));
    }

    @Test
    void natsValuesEncodePercentAndPlusButNotSpaceAndNeverUnquote() {
        assertEquals("a b%25%2B%0A%C3%A9", HeaderPercentEncoding.NATS.encode("a b%+\n\u00e9"));
        assertEquals("a b%+\n\u00e9", HeaderPercentEncoding.NATS.decode("a b%25%2B%0A%C3%A9"));
        assertEquals("a+b%", HeaderPercentEncoding.NATS.decode("a+b%25"));
        assertEquals("\"q%\"", HeaderPercentEncoding.NATS.decode("\"q%25\""));
    }
}
