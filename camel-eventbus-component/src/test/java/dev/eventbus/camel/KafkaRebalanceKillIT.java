package dev.eventbus.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.ConsumerGroupState;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer JVM is SIGKILLed while the group rebalances because a second member joins: the survivor gets every
 * partition once the killed member's session expired and processes every event from the last commit on: nothing
 * skipped, each aggregate in order in both members.
 */
class KafkaRebalanceKillIT extends KafkaITSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 100;
    private static final String GROUP = "rebalance-kill";
    private static final String SESSION = KilledConsumers.SHORT_SESSION;

    @Test
    void aMemberKilledDuringARebalanceLeavesNothingSkipped() throws Exception {
        template.sendBody("eventbus:" + topic + "?partitions=4", KilledConsumers.events(AGGREGATES, VERSIONS));

        Path processedFile = Files.createTempFile(Path.of("target"), "rebalance-killed-", ".txt");
        Process killed = KilledConsumers.start(brokers(), topic, GROUP, processedFile, "rebalance-killed-consumer.log",
                SESSION, "4");
        Map<String, List<Long>> second = new ConcurrentHashMap<>();
        String stateAtKill;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()));
             CamelContext camel = new DefaultCamelContext()) {
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> Files.readAllLines(processedFile).size() > 2000);
                configure(camel);
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("eventbus:" + topic + "?groupId=" + GROUP + "&concurrency=8&" + SESSION).process(e -> second
                                .computeIfAbsent(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                        k -> new ArrayList<>())
                                .add(e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)));
                    }
                });
                camel.start(); // the second member joins: the group rebalances
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> Set.of(
                        ConsumerGroupState.PREPARING_REBALANCE, ConsumerGroupState.COMPLETING_REBALANCE)
                        .contains(groupState(admin)));
                stateAtKill = groupState(admin).toString();
            } finally {
                killed.destroyForcibly();
                killed.waitFor(30, TimeUnit.SECONDS);
            }
            Map<String, List<Long>> first = KilledConsumers.read(processedFile);
            await().atMost(Duration.ofSeconds(60)).until(() -> KilledConsumers.finished(first, second, AGGREGATES, VERSIONS));
            int processedByFirst = first.values().stream().mapToInt(List::size).sum();
            int processedBySecond = second.values().stream().mapToInt(List::size).sum();
            assertTrue(processedByFirst < AGGREGATES * VERSIONS, "the killed consumer had finished already");
            int again = KilledConsumers.assertNothingSkipped(first, second, AGGREGATES, VERSIONS);
            System.out.println("killed in group state " + stateAtKill + "; killed member processed " + processedByFirst
                               + ", survivor " + processedBySecond + ", processed again " + again);
            assertEquals(AGGREGATES * VERSIONS, processedByFirst + processedBySecond - again);
        }
    }

    private ConsumerGroupState groupState(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get(5, TimeUnit.SECONDS).get(GROUP).state();
    }
}
