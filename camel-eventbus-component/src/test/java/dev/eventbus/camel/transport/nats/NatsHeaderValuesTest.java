package dev.eventbus.camel.transport.nats;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** NATS header values survive the wire: NATS allows printable ASCII only and trims values. */
class NatsHeaderValuesTest {

    @Test
    void plainValuesAndIdsStayAsTheyAre() {
        assertEquals("order-42", NatsHeaderValues.encode("X-Aggregate-ID", "order-42"));
        assertEquals("0190b7a4-0000-7000-8000-000000000001",
                NatsHeaderValues.messageId("0190b7a4-0000-7000-8000-000000000001"));
    }

    @Test
    void edgeSpacesAreEncodedSoNatsCannotTrimThem() {
        String encoded = NatsHeaderValues.encode("X-Aggregate-ID", " order-9 ");
        assertEquals("%20order-9%20", encoded);
        assertEquals(" order-9 ", URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        assertEquals("\\torder-9 ", NatsHeaderValues.decode(NatsHeaderValues.encode("X-Aggregate-ID", "\\torder-9 ")));
    }

    @Test
    void messageIdsThatDifferOnlyInEdgeSpacesStayDifferent() {
        assertNotEquals(NatsHeaderValues.messageId("e1"), NatsHeaderValues.messageId(" e1"));
        assertEquals(" e1", NatsHeaderValues.decode(NatsHeaderValues.messageId(" e1")));
    }

    @Test
    void decodingKeepsAPlusAsAPlus() {
        assertEquals("a+b%", NatsHeaderValues.decode("a+b%25"));
        assertEquals("a+b c%\u00e9",
                NatsHeaderValues.decode(NatsHeaderValues.encode("X-Aggregate-ID", "a+b c%\u00e9")));
        assertEquals("50%+x", NatsHeaderValues.decode("50%+x")); // not percent-encoding: as it is
    }
}
