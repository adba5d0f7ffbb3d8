package dev.eventbus.camel.transport.memory;

import java.util.Map;

/** A record stored in a memory partition. */
record MemoryRecord(String key, byte[] value, Map<String, String> headers) {
}
