package dev.eventbus.examples.orders;

import java.time.Duration;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.kafka.KafkaTestBroker;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same service with the profile {@code kafka}, against a real Kafka broker (KRaft, started by the test support). */
@ActiveProfiles({"kafka", "test"})
class OrdersKafkaTest extends OrdersServiceTest {

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.eventbus.brokers", () -> KafkaTestBroker.shared().bootstrapServers());
    }

    @Test
    void theServiceRunsOnKafka() {
        EventBusConfiguration live = OrderTraffic.projectionConsumer(context);
        assertEquals(TransportType.kafka, live.getTransport());
        assertEquals(KafkaTestBroker.shared().bootstrapServers(), live.getBrokers());
        assertEquals(8, live.getPartitions(), "the kafka profile's partitions");
        assertEquals(8, live.getConcurrency());
        assertEquals("lz4", live.getCompressionCodec());
        assertEquals("20000", String.valueOf(live.getAdditionalProperties().get("request.timeout.ms")),
                "a Kafka client property from application.yml");

        OrderTraffic.publish(template, 20, 50);

        OrderTraffic.assertProjectedInOrder(orderBook, 20, 50, Duration.ofSeconds(30));
    }
}
