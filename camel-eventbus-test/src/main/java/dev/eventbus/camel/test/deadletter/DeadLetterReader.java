package dev.eventbus.camel.test.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.test.kafka.KafkaBroker;

/**
 * Reads a dead-letter topic from its beginning, with plain clients (not the component), until a number of records
 * arrived or the time is up: {@link #kafka(KafkaBroker)} or {@link #nats(String)}. The dead-letter topic of topic
 * {@code orders} is {@code orders.dlq} unless the consumer set {@code deadLetterTopic} ({@link #topicOf(String)}).
 *
 * <pre>{@code
 * List<DeadLetter> letters = DeadLetterReader.kafka(broker).read("orders.dlq", 1, Duration.ofSeconds(30));
 * assertEquals("boom", letters.get(0).reason());
 * }</pre>
 */
public interface DeadLetterReader {

    /** The default dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
    static String topicOf(String topic) {
        return topic + ".dlq";
    }

    /** A reader of a Kafka dead-letter topic on the (plaintext) cluster at {@code bootstrapServers}. */
    static DeadLetterReader kafka(String bootstrapServers) {
        return kafka(bootstrapServers, Map.of());
    }

    /**
     * A reader of a Kafka dead-letter topic on the cluster at {@code bootstrapServers}, with {@code clientProperties}
     * (e.g. security) besides.
     */
    static DeadLetterReader kafka(String bootstrapServers, Map<String, Object> clientProperties) {
        return new KafkaDeadLetterReader(bootstrapServers, clientProperties);
    }

    /** A reader of a Kafka dead-letter topic on {@code broker}, with its {@link KafkaBroker#clientProperties()}. */
    static DeadLetterReader kafka(KafkaBroker broker) {
        return kafka(broker.bootstrapServers(), broker.clientProperties());
    }

    /** A reader of a NATS dead-letter subject (the stream that holds it is looked up) on the server at {@code url}. */
    static DeadLetterReader nats(String url) {
        return new NatsDeadLetterReader(url);
    }

    /**
     * The first {@code count} records of {@code deadLetterTopic}, in order (per partition on Kafka), waiting up to
     * {@code timeout} for them.
     *
     * @throws AssertionError when fewer arrived in time (the message says how many)
     */
    List<DeadLetter> read(String deadLetterTopic, int count, Duration timeout);
}
