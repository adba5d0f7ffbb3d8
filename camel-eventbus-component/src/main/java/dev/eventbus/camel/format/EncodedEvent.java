package dev.eventbus.camel.format;

import java.util.Map;

/**
 * An event as one wire format writes it: the record value and the headers the format needs next to it.
 *
 * @param value   the record value
 * @param headers the format's headers (never null; empty for the envelope format)
 */
public record EncodedEvent(byte[] value, Map<String, String> headers) {
}
