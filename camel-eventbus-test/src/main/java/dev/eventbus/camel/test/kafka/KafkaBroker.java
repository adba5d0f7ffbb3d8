package dev.eventbus.camel.test.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.provider.Provider;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A Kafka broker a test talks to: a local process ({@link KafkaTestBroker}), a container, or a remote cluster. Get the
 * one shared by the test JVM from {@link KafkaBrokers#shared()} or have the JUnit extension inject it.
 */
public interface KafkaBroker {

    /** {@code host:port[,host:port...]} to give a client as {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Where this broker comes from. */
    Provider provider();

    /** Creates a topic with replication factor 1 and waits until it exists. */
    void createTopic(String name, int partitions);

    /** Client properties needed besides {@code bootstrap.servers} (security); empty for PLAINTEXT. */
    default Map<String, Object> clientProperties() {
        return Map.of();
    }

    /**
     * Points the eventbus component of {@code camel} at this broker (transport kafka and brokers), as {@code camel.component.eventbus.*} would; call it in
     * {@code CamelTestSupport.createCamelContext()}.
     */
    default void configure(CamelContext camel) {
        EventBusConfiguration config = camel.getComponent("eventbus", EventBusComponent.class).getConfiguration();
        config.setTransport(TransportType.kafka);
        config.setBrokers(bootstrapServers());
    }

    /** Creates {@code name} with an admin client of {@code adminConfig}; fails if it cannot within 30 s. */
    static void createTopic(Map<String, Object> adminConfig, String name, int partitions) {
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name + " on "
                                            + adminConfig.get("bootstrap.servers"), e);
        }
    }
}
