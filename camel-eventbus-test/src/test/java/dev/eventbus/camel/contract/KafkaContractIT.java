package dev.eventbus.camel.contract;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.deadletter.DeadLetter;
import dev.eventbus.camel.test.deadletter.DeadLetterReader;
import dev.eventbus.camel.test.kafka.KafkaBrokers;
import dev.eventbus.camel.testsupport.ThreadCensus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract on a real Kafka broker (the test kit's shared one); settled means committed up to the end. */
class KafkaContractIT extends EventBusContract {

    private static String brokers() {
        return KafkaBrokers.shared().bootstrapServers();
    }

    @Override
    protected void configureTransport(EventBusComponent component) {
        component.getConfiguration().setTransport(TransportType.kafka);
        component.getConfiguration().setBrokers(brokers());
        component.getConfiguration().setPublishTimeout(20_000);
    }

    @Override
    protected Predicate<String> clientThreads() {
        return ThreadCensus.KAFKA_CLIENT;
    }

    @Override
    protected int inFlightSlack() {
        return 5;
    }

    @Override
    protected List<DeadLetter> deadLetters(String deadLetterTopic, int count) {
        return DeadLetterReader.kafka(brokers()).read(deadLetterTopic, count, Duration.ofSeconds(20));
    }

    @Override
    protected void assertSettled(String topicName, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(topicName, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topicName, p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                Map<TopicPartition, Long> committed = new HashMap<>();
                Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(partitions, Duration.ofSeconds(10));
                partitions.forEach(p -> committed.put(p, offsets.get(p) == null ? 0L : offsets.get(p).offset()));
                assertEquals(ends, committed, "committed offsets of group " + group);
            });
        }
    }
}
