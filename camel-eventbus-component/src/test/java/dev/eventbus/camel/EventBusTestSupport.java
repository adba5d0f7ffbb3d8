package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.eventbus.camel.testsupport.Events;
import dev.eventbus.camel.testsupport.ThreadCensus;
import dev.eventbus.camel.transport.Delivery;
import org.apache.camel.test.junit5.CamelTestSupport;

/** Helpers for component tests: raw publish and read on memory topics, event headers, thread checks. */
public abstract class EventBusTestSupport extends CamelTestSupport {

    protected EventBusEndpoint eventbus(String uri) {
        return context.getEndpoint(uri, EventBusEndpoint.class);
    }

    /** Publishes bytes to a memory topic as they are, bypassing the codec (as a foreign producer would). */
    protected void publishRaw(String topic, String key, byte[] value) {
        RawRecords.publish(context, topic, key, value);
    }

    /** Reads {@code count} raw records of a memory topic with group {@code group}, acking them. */
    protected List<Delivery> readRaw(String topic, String group, int count) {
        return RawRecords.read(context, topic, group, count);
    }

    protected long retained(String topic) {
        return RawRecords.retainedInMemory(context, topic);
    }

    protected static Map<String, Object> event(String aggregateId, String type, long version) {
        return Events.headers(aggregateId, type, version);
    }

    protected static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Names of live threads that start with {@code eventbus-}. */
    protected static Set<String> eventbusThreads() {
        return ThreadCensus.eventbusThreads();
    }
}
