package dev.eventbus.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
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
    /** Short sessions: the group gives up on the killed member after 4 s instead of 45. */
    private static final String SESSION = "additionalProperties.session.timeout.ms=4000"
                                          + "&additionalProperties.heartbeat.interval.ms=500";

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // publishing only
            }
        };
    }

    @Test
    void aMemberKilledDuringARebalanceLeavesNothingSkipped() throws Exception {
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().aggregateId("acct-" + a).eventType("T").eventVersion(v).payload("{}").build());
            }
        }
        template.sendBody("eventbus:" + topic + "?partitions=4", batch);

        Path processedFile = Files.createTempFile(Path.of("target"), "rebalance-killed-", ".txt");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KafkaConsumerProcess.class.getName(),
                brokers(), topic, GROUP, processedFile.toString(), SESSION, "4")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "rebalance-killed-consumer.log").toFile()).start();
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
            Map<String, List<Long>> first = versionsByAggregate(Files.readAllLines(processedFile));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int a = 0; a < AGGREGATES; a++) {
                    List<Long> versions = second.get("acct-" + a);
                    boolean doneByFirst = first.getOrDefault("acct-" + a, List.of()).contains((long) VERSIONS);
                    if (!doneByFirst && (versions == null || !versions.contains((long) VERSIONS))) {
                        return false;
                    }
                }
                return true;
            });
            int processedByFirst = first.values().stream().mapToInt(List::size).sum();
            int processedBySecond = second.values().stream().mapToInt(List::size).sum();
            assertTrue(processedByFirst < AGGREGATES * VERSIONS, "the killed consumer had finished already");
            int again = 0;
            for (int a = 0; a < AGGREGATES; a++) {
                String aggregate = "acct-" + a;
                List<Long> byFirst = first.getOrDefault(aggregate, List.of());
                List<Long> bySecond = List.copyOf(second.getOrDefault(aggregate, List.of()));
                assertConsecutive(aggregate, byFirst, 1);
                long lastOfFirst = byFirst.isEmpty() ? 0 : byFirst.get(byFirst.size() - 1);
                if (bySecond.isEmpty()) {
                    assertEquals(VERSIONS, lastOfFirst, aggregate + " not finished");
                    continue;
                }
                assertTrue(bySecond.get(0) <= lastOfFirst + 1, aggregate + " skipped from " + lastOfFirst + " to "
                                                                + bySecond.get(0));
                assertConsecutive(aggregate, bySecond, bySecond.get(0));
                assertEquals(VERSIONS, bySecond.get(bySecond.size() - 1));
                again += (int) Math.max(0, lastOfFirst - bySecond.get(0) + 1);
            }
            System.out.println("killed in group state " + stateAtKill + "; killed member processed " + processedByFirst
                               + ", survivor " + processedBySecond + ", processed again " + again);
            assertEquals(AGGREGATES * VERSIONS, processedByFirst + processedBySecond - again);
        }
    }

    private ConsumerGroupState groupState(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get(5, TimeUnit.SECONDS).get(GROUP).state();
    }

    private static void assertConsecutive(String aggregate, List<Long> versions, long from) {
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(from + i, versions.get(i), aggregate + " out of order: " + versions);
        }
    }

    private static Map<String, List<Long>> versionsByAggregate(List<String> lines) {
        Map<String, List<Long>> versions = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            if (parts.length == 2) {
                versions.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
            }
        }
        return versions;
    }
}
