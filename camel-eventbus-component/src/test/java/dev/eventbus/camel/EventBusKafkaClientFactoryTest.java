package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The Kafka transport creates its producer and consumers through camel-kafka's {@link KafkaClientFactory}: a single
 * factory bean in the registry is autowired (as camel-kafka does), the endpoint option names another, and the clients
 * it returns (here kafka-clients' mocks) are the ones used. No broker: the transport is used below the
 * start-time topic provisioning.
 */
class EventBusKafkaClientFactoryTest extends EventBusTestSupport {

    private static final String URI = "eventbus:orders?transport=kafka&brokers=127.0.0.1:1&groupId=g";

    /** Hands out kafka-clients' mocks and remembers the properties it was given. */
    static final class MockClients implements KafkaClientFactory {
        final MockProducer<String, byte[]> producer = new MockProducer<>(true, new StringSerializer(),
                new ByteArraySerializer());
        final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
        final List<Properties> producerProperties = new CopyOnWriteArrayList<>();
        final List<Properties> consumerProperties = new CopyOnWriteArrayList<>();

        @Override
        public Producer getProducer(Properties props) {
            producerProperties.add(props);
            return producer;
        }

        @Override
        public Consumer getConsumer(Properties props) {
            consumerProperties.add(props);
            return consumer;
        }

        @Override
        public String getBrokers(KafkaConfiguration configuration) {
            return configuration.getBrokers();
        }
    }

    @Test
    void aSingleFactoryBeanIsAutowired() {
        MockClients clients = new MockClients();
        context.getRegistry().bind("clients", clients);
        assertSame(clients, eventbus(URI).getConfiguration().getKafkaClientFactory());
        assertSame(clients, context.getComponent("eventbus", EventBusComponent.class).getConfiguration()
                .getKafkaClientFactory());
    }

    @Test
    void theProducerComesFromTheFactory() {
        MockClients clients = new MockClients();
        context.getRegistry().bind("clients", clients);
        byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
        eventbus(URI).transport().publisher().publish(List.of(OutboundRecord.of("orders", "order-1", value))).join();

        List<ProducerRecord<String, byte[]>> sent = clients.producer.history();
        assertEquals(1, sent.size());
        assertEquals("orders", sent.get(0).topic());
        assertEquals("order-1", sent.get(0).key());
        assertSame(value, sent.get(0).value());
        Properties props = clients.producerProperties.get(0);
        assertEquals("127.0.0.1:1", props.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals(StringSerializer.class, props.get(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG));
    }

    @Test
    void theConsumerComesFromTheFactory() {
        MockClients clients = new MockClients();
        context.getRegistry().bind("clients", clients);
        TopicPartition p0 = new TopicPartition("orders", 0);
        clients.consumer.updateBeginningOffsets(Map.of(p0, 0L));
        List<Delivery> received = new CopyOnWriteArrayList<>();
        Subscription subscription = eventbus(URI).transport().subscribe(
                new SubscriptionSpec("orders", "g", new InFlightLimit(100)), d -> {
                    received.add(d);
                    d.complete();
                });
        subscription.start();
        try {
            clients.consumer.schedulePollTask(() -> {
                clients.consumer.rebalance(List.of(p0));
                clients.consumer.addRecord(new ConsumerRecord<>("orders", 0, 0, "order-1", new byte[]{1}));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            assertEquals("order-1", received.get(0).key());
            assertEquals("g", clients.consumerProperties.get(0).get(ConsumerConfig.GROUP_ID_CONFIG));
            assertEquals(false, clients.consumerProperties.get(0).get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG));
        } finally {
            subscription.close();
        }
    }

    @Test
    void theEndpointOptionWinsOverTheRegistry() {
        MockClients autowired = new MockClients();
        MockClients named = new MockClients();
        context.getRegistry().bind("clients", autowired);
        context.getRegistry().bind("named", named);
        eventbus(URI + "&kafkaClientFactory=#named").transport().publisher()
                .publish(List.of(OutboundRecord.of("orders", "order-1", new byte[]{1}))).join();
        assertEquals(1, named.producer.history().size());
        assertEquals(0, autowired.producer.history().size());
    }
}
