package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.SharedClients;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.ThreadPools;
import dev.eventbus.camel.transport.Transport;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka transport of one endpoint: publishes with a producer shared by every endpoint of the CamelContext with the
 * same producer properties and client factory, and subscribes with one consumer (and poll thread) per subscription.
 * Producer and consumers come from camel-kafka's {@link KafkaClientFactory}.
 */
public final class KafkaTransport implements Transport {

    private static final AtomicInteger PRODUCER_IDS = new AtomicInteger();

    private final KafkaSettings settings;
    private final KafkaClientFactory clientFactory;
    private final SharedClients clients;
    private final ThreadPools threads;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();
    private SharedClients.Lease<SharedProducer> producer;
    private KafkaPublisher publisher;

    /**
     * @param settings      client properties and topic provisioning
     * @param clientFactory creates the producer and the consumers
     * @param clients       where the shared producer lives
     * @param threads       where poll threads come from
     */
    public KafkaTransport(KafkaSettings settings, KafkaClientFactory clientFactory, SharedClients clients,
            ThreadPools threads) {
        this.settings = settings;
        this.clientFactory = clientFactory;
        this.clients = clients;
        this.threads = threads;
    }

    @Override
    public synchronized Publisher publisher() {
        if (publisher == null) {
            producer = clients.acquire(new ProducerKey(settings.producerProperties(), clientFactory),
                    this::newProducer);
            publisher = new KafkaPublisher(producer.client().producer(), settings.publishTimeoutMillis(),
                    String.valueOf(settings.producerProperties().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)));
        }
        return publisher;
    }

    @SuppressWarnings("unchecked")
    private SharedProducer newProducer() {
        Map<String, Object> props = new HashMap<>(settings.producerProperties());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "eventbus-producer-" + PRODUCER_IDS.incrementAndGet());
        // the factory takes properties only: the serializers are named there, and always these (keys are aggregate ids)
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        Properties properties = new Properties();
        properties.putAll(props);
        return new SharedProducer((Producer<String, byte[]>) clientFactory.getProducer(properties),
                Duration.ofMillis(settings.timeoutMillis()));
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, DeliveryHandler handler) {
        return new KafkaSubscription(settings, clientFactory, spec, handler, threads);
    }

    @Override
    public void prepare(String topic) {
        if (!prepared.contains(topic)) {
            try {
                KafkaTopics.ensure(settings, topic);
            } catch (RuntimeException e) {
                throw KafkaConnectFailures.explain(e);
            }
            prepared.add(topic);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
            publisher = null;
        }
    }

    /** A shared producer; closing it waits for sends in flight up to the timeout, then abandons them (they fail). */
    private record SharedProducer(Producer<String, byte[]> producer, Duration closeTimeout) implements AutoCloseable {
        @Override
        public void close() {
            producer.close(closeTimeout);
        }
    }

    /** Key of a shared producer; holds properties that may be secret, so it prints none of them. */
    private record ProducerKey(Map<String, Object> properties, KafkaClientFactory clientFactory) {
        @Override
        public String toString() {
            return "ProducerKey";
        }
    }
}
