package dev.eventbus.camel;

import java.util.Map;

import org.apache.camel.Message;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Record headers that pose as Camel-internal ones, in every letter case, and the check that none got through. */
final class HeaderSpoofing {

    static final Map<String, String> CAMEL_LOOKALIKES = Map.of(
            "CamelEventBusAggregateId", "spoofed",
            "CamelHttpUri", "spoofed",
            "camelSqlQuery", "spoofed",
            "CAMELFILENAME", "spoofed",
            "cAmEl-Jms-Destination", "spoofed",
            "Org.Apache.Camel.Spoofed", "spoofed",
            "ORG.APACHE.CAMEL.SPOOFED2", "spoofed");

    private HeaderSpoofing() {
    }

    static void assertNoCamelLookalike(Message message) {
        assertFalse(message.getHeaders().containsValue("spoofed"), () -> "a Camel look-alike record header reached the "
                + "exchange: " + message.getHeaders().keySet());
    }
}
