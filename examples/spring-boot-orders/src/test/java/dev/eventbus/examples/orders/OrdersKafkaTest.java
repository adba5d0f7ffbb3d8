package dev.eventbus.examples.orders;

import java.time.Duration;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.testsupport.KafkaTestBroker;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same service with the profile {@code kafka}, against a real Kafka broker (KRaft, started by the test support). */
@CamelSpringBootTest
@SpringBootTest(classes = OrdersApplication.class)
@ActiveProfiles({ "kafka", "test" })
@DirtiesContext
class OrdersKafkaTest {

    static {
        BrokersWarmUp.begin();
    }

    @DynamicPropertySource
    static void brokers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.eventbus.brokers", () -> KafkaTestBroker.shared().bootstrapServers());
    }

    @Autowired
    private CamelContext context;
    @Autowired
    private ProducerTemplate template;
    @Autowired
    private OrderBook orderBook;

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
