package dev.eventbus.camel.transport.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure topics exist: describes them with a short-lived admin client and creates missing ones when allowed, then
 * waits until every partition has a leader. All of it, closing the admin client included, takes at most
 * {@link KafkaSettings#startTimeoutMillis()}: the admin client's own timeouts (request.timeout.ms,
 * default.api.timeout.ms, 30 s and 60 s by default) are capped to it, and the client is closed without waiting for
 * calls still pending (its default close waits for them, up to default.api.timeout.ms).
 */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    static void ensure(KafkaSettings settings, String topic) {
        Admin admin = Admin.create(adminProperties(settings));
        try {
            ensure(admin, settings, topic);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /** The admin client's properties, with its timeouts capped to the start bound. */
    static Map<String, Object> adminProperties(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.adminProperties());
        int bound = (int) Math.min(Integer.MAX_VALUE, settings.startTimeoutMillis());
        props.merge(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, bound,
                (configured, cap) -> Math.min(Integer.parseInt(configured.toString()), bound));
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, bound);
        return props;
    }

    static void ensure(Admin admin, KafkaSettings settings, String topic) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.startTimeoutMillis());
        try {
            if (!exists(admin, settings, topic, deadline)) {
                if (!settings.autoCreateTopics()) {
                    throw new IllegalStateException(
                            "Kafka topic '" + topic + "' does not exist on " + settings.bootstrapServers()
                                    + " and autoCreateTopics=false; create it or allow autoCreateTopics");
                }
                create(admin, settings, topic, deadline);
            }
            awaitLeaders(admin, topic, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning Kafka topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw failure("timed out provisioning Kafka topic '" + topic + "'", settings, e);
        }
    }

    private static void create(Admin admin, KafkaSettings settings, String topic, long deadline)
            throws InterruptedException, TimeoutException {
        try {
            get(admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), settings.replicationFactor())))
                    .all(),
                    deadline);
            LOG.info("Created Kafka topic {} with {} partitions, replication factor {}", topic, settings.partitions(),
                    settings.replicationFactor());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("could not create Kafka topic '" + topic + "'", settings, e.getCause());
            }
            // another endpoint or JVM created it meanwhile: its partitions may have no leader yet either
            LOG.debug("Kafka topic {} was created concurrently", topic);
        }
    }

    /**
     * Waits until every partition of the topic has a leader. An idempotent producer that writes to a partition before
     * its leader is ready can get NOT_LEADER for its first batch while later batches are accepted, and then fails that
     * partition with OUT_OF_ORDER_SEQUENCE until the records expire. A topic just created (by us, or by whoever won
     * the creation race) may be described before its leaders are elected.
     */
    private static void awaitLeaders(Admin admin, String topic, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames(), deadline)
                        .get(topic);
                if (!description.partitions().isEmpty()
                        && description.partitions().stream()
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                LOG.debug("Topic {} not described yet: {}", topic, e.getCause().toString());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("partitions of Kafka topic '" + topic + "' have no leader yet");
            }
            Thread.sleep(20);
        }
    }

    private static boolean exists(Admin admin, KafkaSettings settings, String topic, long deadline)
            throws InterruptedException, TimeoutException {
        try {
            get(admin.describeTopics(List.of(topic)).allTopicNames(), deadline);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw failure("could not describe Kafka topic '" + topic + "'", settings, e.getCause());
        }
    }

    private static <T> T get(KafkaFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static IllegalStateException failure(String what, KafkaSettings settings, Throwable cause) {
        return new IllegalStateException(what + " on " + settings.bootstrapServers() + " within "
                + settings.startTimeoutMillis() + " ms (startTimeout): " + cause, cause);
    }
}
