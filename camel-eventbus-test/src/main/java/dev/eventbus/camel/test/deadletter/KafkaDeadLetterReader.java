package dev.eventbus.camel.test.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Reads a Kafka dead-letter topic with a plain consumer assigned to all its partitions (no group, no commits). */
final class KafkaDeadLetterReader implements DeadLetterReader {

    private final String bootstrapServers;

    KafkaDeadLetterReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public List<DeadLetter> read(String deadLetterTopic, int count, Duration timeout) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "eventbus-test-dead-letter-reader");
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(deadLetterTopic, timeout)) {
                partitions.add(new TopicPartition(deadLetterTopic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (letters.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    letters.add(toDeadLetter(record));
                }
            }
        }
        if (letters.size() < count) {
            throw new AssertionError("only " + letters.size() + " of " + count + " dead letters in " + deadLetterTopic
                                     + " on " + bootstrapServers + " after " + timeout);
        }
        return letters.subList(0, count);
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
