package dev.eventbus.camel.test.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Reads a Kafka dead-letter topic with a plain consumer assigned to all its partitions (no group, no commits). It never
 * creates the topic: when it does not exist yet, it waits for it.
 */
final class KafkaDeadLetterReader implements DeadLetterReader {

    private static final Duration RETRY = Duration.ofMillis(100);
    private final String bootstrapServers;
    private final Map<String, Object> clientProperties;

    KafkaDeadLetterReader(String bootstrapServers, Map<String, Object> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** The consumer's configuration: the client properties, and what the reader needs. */
    Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "eventbus-test-dead-letter-reader");
        return props;
    }

    @Override
    public List<DeadLetter> read(String deadLetterTopic, int count, Duration timeout) {
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean exists;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = awaitPartitions(consumer, deadLetterTopic, deadline);
            exists = !partitions.isEmpty();
            if (exists) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            while (exists && letters.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(RETRY)) {
                    letters.add(toDeadLetter(record));
                }
            }
        }
        if (letters.size() < count) {
            throw new AssertionError("only " + letters.size() + " of " + count + " dead letters in " + deadLetterTopic
                    + (exists ? "" : " (no such topic)") + " on " + bootstrapServers + " after "
                    + timeout);
        }
        return letters.subList(0, count);
    }

    /** The partitions of {@code topic} once it exists; empty when it does not before the deadline. */
    private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofNanos(Math.max(left, 1)));
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                    return partitions;
                }
            } catch (TimeoutException e) {
                // no metadata in time: the deadline decides
            }
            if (System.nanoTime() + RETRY.toNanos() > deadline) {
                return List.of();
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for topic " + topic, e);
            }
        }
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), UTF_8));
        }
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new DeadLetter(record.topic(), record.key(), value, Map.copyOf(nonNull(headers)));
    }

    private static Map<String, String> nonNull(Map<String, String> headers) {
        headers.values().removeIf(v -> v == null);
        return headers;
    }
}
