package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import org.apache.camel.test.junit5.CamelTestSupport;

import static org.awaitility.Awaitility.await;

/** Helpers for component tests: raw publish and read on memory topics, event headers, thread checks. */
public abstract class EventBusTestSupport extends CamelTestSupport {

    protected EventBusEndpoint eventbus(String uri) {
        return context.getEndpoint(uri, EventBusEndpoint.class);
    }

    /** Publishes bytes to a memory topic as they are, bypassing the codec (as a foreign producer would). */
    protected void publishRaw(String topic, String key, byte[] value) {
        eventbus("eventbus:" + topic).transport().publisher()
                .publish(List.of(OutboundRecord.of(topic, key, value))).join();
    }

    /** Reads {@code count} raw records of a memory topic with group {@code group}, acking them. */
    protected List<Delivery> readRaw(String topic, String group, int count) {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        Subscription subscription = eventbus("eventbus:" + topic).transport().subscribe(
                new SubscriptionSpec(topic, group, new InFlightLimit(1000)), d -> {
                    received.add(d);
                    d.ack();
                });
        subscription.start();
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() >= count);
            return List.copyOf(received);
        } finally {
            subscription.close();
        }
    }

    protected long retained(String topic) {
        return eventbus("eventbus:" + topic).getComponent().memoryBroker().retained(topic);
    }

    protected static Map<String, Object> event(String aggregateId, String type, long version) {
        return Map.of(EventBusConstants.AGGREGATE_ID, aggregateId, EventBusConstants.EVENT_TYPE, type,
                EventBusConstants.EVENT_VERSION, version);
    }

    protected static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Names of live threads that start with {@code eventbus-}. */
    protected static Set<String> eventbusThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("eventbus-")).collect(Collectors.toSet());
    }
}
