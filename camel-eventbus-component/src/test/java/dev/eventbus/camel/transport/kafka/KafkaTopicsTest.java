package dev.eventbus.camel.transport.kafka;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Topic provisioning against a scripted admin client. */
class KafkaTopicsTest {

    private static final Node LEADER = new Node(1, "localhost", 9092);

    private static KafkaSettings settings() {
        return new KafkaSettings(Map.of(), Map.of(),
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092"),
                2, (short) 1, true, 5000, 5000, 5000, 5000);
    }

    private static <T> KafkaFuture<T> failed(Throwable cause) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(cause);
        return future;
    }

    private static TopicDescription description(String topic, Node leader) {
        return new TopicDescription(topic, false, List.of(new TopicPartitionInfo(0, leader, List.of(), List.of()),
                new TopicPartitionInfo(1, leader, List.of(), List.of())));
    }

    @Test
    void losingTheCreationRaceStillWaitsForPartitionLeaders() {
        String topic = "raced";
        AtomicInteger describes = new AtomicInteger();
        Admin admin = (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[]{Admin.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "describeTopics" -> {
                        int n = describes.incrementAndGet();
                        KafkaFuture<TopicDescription> result = switch (n) {
                            case 1 -> failed(new UnknownTopicOrPartitionException("no such topic"));
                            case 2, 3 -> KafkaFuture.completedFuture(description(topic, null)); // created, no leader yet
                            default -> KafkaFuture.completedFuture(description(topic, LEADER));
                        };
                        yield new DescribeTopicsResult(null, Map.of(topic, result)) {
                        };
                    }
                    // another JVM created it between our describe and our create
                    case "createTopics" ->
                        new CreateTopicsResult(Map.of(topic, failed(new TopicExistsException("exists")))) {
                        };
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        KafkaTopics.ensure(admin, settings(), topic);
        assertEquals(4, describes.get(), "describes until every partition has a leader");
    }

    @Test
    void theAdminClientsTimeoutsAreCappedToTheStartBound() {
        Map<String, Object> props = KafkaTopics.adminProperties(settings());
        assertEquals(5000, props.get(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG));
        assertEquals(5000, props.get(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG));
    }
}
