package dev.eventbus.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import org.apache.camel.CamelContext;

import static org.awaitility.Awaitility.await;

/**
 * Records as they are on a topic, through the transport of the context's {@code eventbus} component and past the
 * codec: a foreign producer's bytes, or a dead-letter topic read back. Works on every transport.
 */
public final class RawRecords {

    private RawRecords() {
    }

    /** Publishes {@code value} to {@code topic} as it is, with no headers (as a foreign producer would). */
    public static void publish(CamelContext camel, String topic, String key, byte[] value) {
        transport(camel, topic).publisher().publish(List.of(OutboundRecord.of(topic, key, value))).join();
    }

    /** Reads {@code count} records of {@code topic} as group {@code group}, acking them; waits up to 20 s. */
    public static List<Delivery> read(CamelContext camel, String topic, String group, int count) {
        List<Delivery> received = new CopyOnWriteArrayList<>();
        Subscription subscription = transport(camel, topic).subscribe(
                new SubscriptionSpec(topic, group, new InFlightLimit(1000)), d -> {
                    received.add(d);
                    d.complete();
                });
        subscription.start();
        try {
            await().atMost(20, TimeUnit.SECONDS).until(() -> received.size() >= count);
            return List.copyOf(received);
        } finally {
            subscription.close();
        }
    }

    /** Records of a memory topic not yet acknowledged by every group that reads it. */
    public static long retainedInMemory(CamelContext camel, String topic) {
        return dev.eventbus.camel.transport.memory.MemoryTransportFactory.brokerOf(camel).retained(topic);
    }

    private static dev.eventbus.camel.transport.Transport transport(CamelContext camel, String topic) {
        return camel.getEndpoint("eventbus:" + topic, EventBusEndpoint.class).transport();
    }
}
