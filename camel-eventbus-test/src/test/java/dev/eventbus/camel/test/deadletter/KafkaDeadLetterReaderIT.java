package dev.eventbus.camel.test.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.test.kafka.KafkaBroker;
import dev.eventbus.camel.test.kafka.KafkaBrokers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The Kafka dead-letter reader against the shared broker. */
class KafkaDeadLetterReaderIT {

    private final KafkaBroker broker = KafkaBrokers.shared();

    @Test
    void readingBeforeTheDeadLetterTopicExistsWaitsForIt() throws Exception {
        String dlq = "orders-" + UUID.randomUUID().toString().substring(0, 8) + ".dlq";
        CompletableFuture<List<DeadLetter>> letters = CompletableFuture.supplyAsync(
                () -> DeadLetterReader.kafka(broker).read(dlq, 1, Duration.ofSeconds(30)));
        // the reader asks for the topic's partitions a few times before the topic exists
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !letters.isDone());
        assertFalse(topicExists(dlq), "the reader created the dead-letter topic itself");

        broker.createTopic(dlq, 2);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            ProducerRecord<String, String> record = new ProducerRecord<>(dlq, "order-1", "{}");
            record.headers().add("X-DLQ-Reason", "boom".getBytes());
            producer.send(record).get();
        }

        List<DeadLetter> read = letters.get(30, TimeUnit.SECONDS);
        assertEquals(1, read.size());
        assertEquals("boom", read.get(0).reason());
        assertEquals("order-1", read.get(0).key());
    }

    @Test
    void readerTakesTheBrokersClientProperties() {
        KafkaBroker secured = new KafkaBroker() {
            @Override
            public String bootstrapServers() {
                return "127.0.0.1:1";
            }

            @Override
            public dev.eventbus.camel.test.provider.Provider provider() {
                return dev.eventbus.camel.test.provider.Provider.REMOTE;
            }

            @Override
            public void createTopic(String name, int partitions) {
            }

            @Override
            public Map<String, Object> clientProperties() {
                return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512");
            }
        };
        Map<String, Object> config = ((KafkaDeadLetterReader) DeadLetterReader.kafka(secured)).consumerConfig();
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("127.0.0.1:1", config.get("bootstrap.servers"));
    }

    private boolean topicExists(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
        }
    }
}
