package dev.eventbus.camel.test.deadletter;

import java.time.Duration;
import java.util.List;

/**
 * Reads a dead-letter topic from its beginning, with plain clients (not the component), until a number of records
 * arrived or the time is up: {@link #kafka(String)} or {@link #nats(String)}. The dead-letter topic of topic
 * {@code orders} is {@code orders.dlq} unless the consumer set {@code deadLetterTopic} ({@link #topicOf(String)}).
 *
 * <pre>{@code
 * List<DeadLetter> letters = DeadLetterReader.kafka(broker.bootstrapServers()).read("orders.dlq", 1, Duration.ofSeconds(30));
 * assertEquals("boom", letters.get(0).reason());
 * }</pre>
 */
public interface DeadLetterReader {

    /** The default dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
    static String topicOf(String topic) {
        return topic + ".dlq";
    }

    /** A reader of a Kafka dead-letter topic on the cluster at {@code bootstrapServers}. */
    static DeadLetterReader kafka(String bootstrapServers) {
        return new KafkaDeadLetterReader(bootstrapServers);
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
