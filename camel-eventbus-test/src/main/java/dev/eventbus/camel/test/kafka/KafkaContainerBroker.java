package dev.eventbus.camel.test.kafka;

import java.util.Map;

import dev.eventbus.camel.test.provider.Provider;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Kafka broker in a container ({@value #IMAGE}, KRaft), started with Testcontainers; stopped and removed when the
 * JVM exits (a shutdown hook, so also without Testcontainers' Ryuk, e.g. {@code TESTCONTAINERS_RYUK_DISABLED=true}).
 * Loaded only when Testcontainers is on the classpath and a Docker engine answers.
 */
final class KafkaContainerBroker implements KafkaBroker {

    /** The image: the same Kafka version as the local process. */
    static final String IMAGE = "apache/kafka:3.9.1";
    private final KafkaContainer container;

    private KafkaContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    /** Starts a container and waits until the broker answers; the container is stopped at JVM exit. */
    @SuppressWarnings("resource")
    static KafkaContainerBroker start() {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(IMAGE))
                .withEnv("KAFKA_NUM_PARTITIONS", "8")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        // registered before start(): a container that fails half-way is removed too (stop() does nothing unstarted)
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "eventbus-test-kafka-container-stop"));
        container.start();
        return new KafkaContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public Provider provider() {
        return Provider.TESTCONTAINERS;
    }

    @Override
    public void createTopic(String name, int partitions) {
        KafkaBroker.createTopic(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), name,
                partitions);
    }

    @Override
    public String toString() {
        return "KafkaContainerBroker[" + bootstrapServers() + ", " + IMAGE + "]";
    }
}
