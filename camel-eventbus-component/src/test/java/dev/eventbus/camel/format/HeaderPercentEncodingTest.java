package dev.eventbus.camel.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The header value encoding of the CloudEvents NATS binding, with the binding's own example. */
class HeaderPercentEncodingTest {

    @Test
    void theBindingsExample() {
        assertEquals("Euro%20%E2%82%AC%20%F0%9F%98%80", HeaderPercentEncoding.encode("Euro € 😀"));
        assertEquals("Euro € 😀", HeaderPercentEncoding.decode("Euro%20%E2%82%AC%20%F0%9F%98%80"));
    }

    @Test
    void encodesSpaceQuotePercentAndControlsButNotPlus() {
        assertEquals("a%22b%25c+d%0A%7F", HeaderPercentEncoding.encode("a\"b%c+d\n\u007f"));
        assertEquals("2024-05-01T12:00:00+02:00", HeaderPercentEncoding.encode("2024-05-01T12:00:00+02:00"));
    }

    @Test
    void decodingAcceptsLowerCaseUnnecessaryEncodingAndQuotedValues() {
        assertEquals("a€", HeaderPercentEncoding.decode("%61%e2%82%ac"));
        assertEquals("x+y", HeaderPercentEncoding.decode("x+y"));
        assertEquals("say \"hi\"", HeaderPercentEncoding.decode("\"say \\\"hi\\\"\""));
        assertEquals("😀x", HeaderPercentEncoding.decode("😀x"));
    }

    @Test
    void decodingRejectsBadEscapesAndInvalidUtf8() {
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.decode("%C0%A0")); // overlong space
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.decode("%G1"));
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.decode("ab%4"));
        assertThrows(IllegalArgumentException.class, () -> HeaderPercentEncoding.decode("%FF"));
    }
}
