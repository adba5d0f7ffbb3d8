package dev.eventbus.camel.test.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.TransportType;
import dev.eventbus.camel.test.provider.Provider;
import org.apache.camel.CamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A Kafka broker a test talks to: a local process ({@link KafkaTestBroker}), a container, or a remote cluster. Get the
 * one shared by the test JVM from {@link KafkaBrokers#shared()} or have the JUnit extension inject it.
 */
public interface KafkaBroker {

    /** {@code host:port[,host:port...]} to give a client as {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Where this broker comes from. */
    Provider provider();

    /** Creates a topic with replication factor 1 and waits until it exists; an existing topic is left as it is. */
    void createTopic(String name, int partitions);

    /** Client properties needed besides {@code bootstrap.servers} (security); empty for PLAINTEXT. */
    default Map<String, Object> clientProperties() {
        return Map.of();
    }

    /**
     * Points the eventbus component of {@code camel} at this broker (transport kafka, brokers, and the
     * {@link #clientProperties()} as {@code additionalProperties}), as {@code camel.component.eventbus.*} would; call it
     * in {@code CamelTestSupport.createCamelContext()}.
     */
    default void configure(CamelContext camel) {
        EventBusConfiguration config = camel.getComponent("eventbus", EventBusComponent.class).getConfiguration();
        config.setTransport(TransportType.kafka);
        config.setBrokers(bootstrapServers());
        if (!clientProperties().isEmpty()) {
            Map<String, Object> additional = new HashMap<>(config.getAdditionalProperties());
            additional.putAll(clientProperties());
            config.setAdditionalProperties(additional);
        }
    }

    /**
     * Creates {@code name} with an admin client of {@code adminConfig}; fails if it cannot within 30 s. A topic of that
     * name that exists already is left as it is (re-runs against a remote cluster).
     */
    static void createTopic(Map<String, Object> adminConfig, String name, int partitions) {
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name + " on "
                        + adminConfig.get("bootstrap.servers"), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name + " on "
                    + adminConfig.get("bootstrap.servers"), e);
        }
    }
}
