package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where {@code eventbus:} puts records on a real broker: with the default {@code partitioner=sarama} on the partition
 * the Go event bus (sarama's hash partitioner) picks, taken from the Go-computed table of {@code SaramaPartitionerTest}
 * (8 partitions); with {@code partitioner=murmur2} on kafka-clients' default partition. Both endpoints run in one
 * CamelContext (they must not share a producer), and the dead letters of each topic follow its endpoint's option.
 */
class KafkaPartitionerIT extends KafkaITSupport {

    /** Key → partition among 8, from the Go run recorded in SaramaPartitionerTest; covers all 8 partitions. (The
     * non-ASCII keys of the table are not valid aggregate ids; the unit test covers them.) */
    private static final Map<String, Integer> GO_PARTITION_OF_8 = new LinkedHashMap<>();

    static {
        String[] keys = {"order-42", "order-43", "order-1000", "customer-7", "7f3c2a9e-1b4d-4e8a-9c6f-2d5e8b1a0c3f",
                "acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6",
                "acct-7", "acct-8"};
        int[] partitions = {4, 7, 1, 1, 0, 4, 3, 6, 5, 0, 7, 2, 1};
        for (int i = 0; i < keys.length; i++) {
            GO_PARTITION_OF_8.put(keys[i], partitions[i]);
        }
    }

    private final String murmur = topic + "-murmur";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=partitioner&maxDeliveries=1&partitions=8")
                        .throwException(new IllegalStateException("to the dead letters"));
                from("eventbus:" + murmur + "?groupId=partitioner&maxDeliveries=1&partitions=8&partitioner=murmur2")
                        .throwException(new IllegalStateException("to the dead letters"));
            }
        };
    }

    @Test
    void eventsAndDeadLettersLandWhereTheEndpointsPartitionerPutsThem() {
        for (String key : GO_PARTITION_OF_8.keySet()) {
            template.sendBodyAndHeaders("eventbus:" + topic + "?partitions=8", "{\"n\":1}", event(key));
            template.sendBodyAndHeaders("eventbus:" + murmur + "?partitions=8&partitioner=murmur2", "{\"n\":1}",
                    event(key));
        }
        int keys = GO_PARTITION_OF_8.size();
        assertEquals(GO_PARTITION_OF_8, partitions(topic, keys));
        assertEquals(GO_PARTITION_OF_8, partitions(topic + ".dlq", keys));

        Map<String, Integer> murmur2 = new LinkedHashMap<>();
        GO_PARTITION_OF_8.keySet().forEach(key -> murmur2.put(key,
                Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 8));
        assertEquals(murmur2, partitions(murmur, keys));
        assertEquals(murmur2, partitions(murmur + ".dlq", keys));
        long differ = GO_PARTITION_OF_8.keySet().stream().filter(k -> !GO_PARTITION_OF_8.get(k).equals(murmur2.get(k)))
                .count();
        assertTrue(differ > keys / 2, "the two partitioners agree on " + (keys - differ) + " of " + keys + " keys");
    }

    private static Map<String, Integer> partitions(String topic, int count) {
        Map<String, Integer> partitions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : readRaw(topic, count)) {
            partitions.put(record.key(), record.partition());
        }
        return partitions;
    }

    private static Map<String, Object> event(String aggregateId) {
        return Map.of(EventBusConstants.AGGREGATE_ID, aggregateId, EventBusConstants.EVENT_TYPE, "T",
                EventBusConstants.EVENT_VERSION, 1L);
    }
}
