package dev.eventbus.camel.transport.kafka;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure topics exist: describes them with a short-lived admin client and creates missing ones when allowed. */
final class KafkaTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private KafkaTopics() {
    }

    static void ensure(KafkaSettings settings, String topic) {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            if (exists(admin, settings, topic)) {
                return;
            }
            if (!settings.autoCreateTopics()) {
                throw new IllegalStateException("Kafka topic '" + topic + "' does not exist on " + settings.bootstrapServers()
                                                + " and autoCreateTopics=false; create it or allow autoCreateTopics");
            }
            try {
                admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), settings.replicationFactor())))
                        .all().get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
                LOG.info("Created Kafka topic {} with {} partitions, replication factor {}", topic, settings.partitions(),
                        settings.replicationFactor());
                awaitLeaders(admin, settings, topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("could not create Kafka topic '" + topic + "'", settings, e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning Kafka topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw failure("timed out provisioning Kafka topic '" + topic + "'", settings, e);
        }
    }

    /**
     * Waits until every partition of a new topic has a leader. An idempotent producer that writes to a partition
     * before its leader is ready can get NOT_LEADER for its first batch while later batches are accepted, and then
     * fails that partition with OUT_OF_ORDER_SEQUENCE until the records expire.
     */
    private static void awaitLeaders(Admin admin, KafkaSettings settings, String topic)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.timeoutMillis());
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(settings.timeoutMillis(), TimeUnit.MILLISECONDS).get(topic);
                if (description.partitions().size() == settings.partitions()
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException e) {
                LOG.debug("Topic {} not described yet: {}", topic, e.getCause().toString());
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of Kafka topic '" + topic + "' have no leader yet");
            }
            Thread.sleep(20);
        }
    }

    private static boolean exists(Admin admin, KafkaSettings settings, String topic)
            throws InterruptedException, TimeoutException {
        try {
            admin.describeTopics(List.of(topic)).allTopicNames().get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw failure("could not describe Kafka topic '" + topic + "'", settings, e.getCause());
        }
    }

    private static IllegalStateException failure(String what, KafkaSettings settings, Throwable cause) {
        return new IllegalStateException(what + " on " + settings.bootstrapServers() + " within "
                                         + settings.timeoutMillis() + " ms: " + cause, cause);
    }
}
