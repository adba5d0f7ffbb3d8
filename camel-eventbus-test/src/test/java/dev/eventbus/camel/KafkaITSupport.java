package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventbus.camel.test.kafka.KafkaBrokers;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Base of the Kafka integration tests: the component is configured for the shared test broker of the test kit
 * ({@link KafkaBrokers#shared()}) (transport and brokers
 * set on the component, as camel.component.eventbus.* would), every test class gets its own topics, and plain
 * kafka-clients read and write records without our code.
 */
abstract class KafkaITSupport extends CamelTestSupport {

    /** A topic name of this test class, unique per JVM run. */
    protected final String topic = getClass().getSimpleName().toLowerCase() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    protected static String brokers() {
        return KafkaBrokers.shared().bootstrapServers();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        configure(camel);
        return camel;
    }

    /** Points the eventbus component of {@code camel} at the test broker with the Kafka transport. */
    static void configure(CamelContext camel) {
        EventBusComponent component = camel.getComponent("eventbus", EventBusComponent.class);
        component.getConfiguration().setTransport(TransportType.kafka);
        component.getConfiguration().setBrokers(brokers());
        component.getConfiguration().setPublishTimeout(20_000);
    }

    /** A plain producer, as a foreign (e.g. Go) service would use. */
    protected static KafkaProducer<String, byte[]> rawProducer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    protected static void sendRaw(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value,
            Map<String, String> headers) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }

    /** Reads every record of {@code topic} from the beginning with a plain consumer until {@code count} arrived. */
    protected static List<ConsumerRecord<String, byte[]>> readRaw(String topic, int count) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertTrue(records.size() >= count, "only " + records.size() + " of " + count + " records in " + topic);
        return records;
    }

    protected static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
