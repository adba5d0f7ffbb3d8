package dev.eventbus.camel.transport.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-JVM topics shared by all endpoints of one CamelContext. A topic is created on first use with the partition
 * count and capacity of the endpoint that used it first.
 */
public final class MemoryBroker {

    private final Map<String, MemoryTopic> topics = new ConcurrentHashMap<>();

    MemoryTopic topic(String name, int partitions, int capacity) {
        return topics.computeIfAbsent(name, n -> new MemoryTopic(n, partitions, capacity));
    }

    /** Records of {@code topic} stored and not yet acknowledged by every group (0 for an unknown topic). */
    public long retained(String topic) {
        MemoryTopic t = topics.get(topic);
        return t == null ? 0 : t.retained();
    }
}
