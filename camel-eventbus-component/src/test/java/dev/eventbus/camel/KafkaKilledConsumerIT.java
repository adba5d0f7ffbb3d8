package dev.eventbus.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer JVM killed with SIGKILL mid-stream (no stop, no final commit), then a new consumer in the same group:
 * every event is processed at least once, none is skipped, each aggregate's events stay in order in both, and only
 * events the killed one processed after its last commit are processed again.
 */
class KafkaKilledConsumerIT extends KafkaITSupport {

    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 100;

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
    void aKilledConsumersSuccessorSkipsNothing() throws Exception {
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().aggregateId("acct-" + a).eventType("T").eventVersion(v).payload("{}").build());
            }
        }
        template.sendBody("eventbus:" + topic + "?partitions=4", batch);

        Path processedFile = Files.createTempFile(Path.of("target"), "killed-consumer-", ".txt");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KafkaConsumerProcess.class.getName(),
                brokers(), topic, "killed", processedFile.toString())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "killed-consumer.log").toFile()).start();
        try {
            await().atMost(java.time.Duration.ofSeconds(90))
                    .until(() -> Files.readAllLines(processedFile).size() > AGGREGATES * VERSIONS / 4);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        Map<String, List<Long>> first = versionsByAggregate(Files.readAllLines(processedFile));
        int processedByFirst = first.values().stream().mapToInt(List::size).sum();
        assertTrue(processedByFirst < AGGREGATES * VERSIONS, "the killed consumer had finished already");

        Map<String, List<Long>> second = new ConcurrentHashMap<>();
        AtomicInteger processedBySecond = new AtomicInteger();
        try (CamelContext camel = new DefaultCamelContext()) {
            configure(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:" + topic + "?groupId=killed&concurrency=8").process(e -> {
                        second.computeIfAbsent(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                k -> new ArrayList<>()).add(e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class));
                        processedBySecond.incrementAndGet();
                    });
                }
            });
            camel.start();
            await().atMost(java.time.Duration.ofSeconds(90)).until(() -> {
                for (int a = 0; a < AGGREGATES; a++) {
                    List<Long> versions = second.get("acct-" + a);
                    boolean doneByFirst = first.getOrDefault("acct-" + a, List.of()).contains((long) VERSIONS);
                    if (!doneByFirst && (versions == null || !versions.contains((long) VERSIONS))) {
                        return false;
                    }
                }
                return true;
            });
        }

        int again = 0;
        for (int a = 0; a < AGGREGATES; a++) {
            String aggregate = "acct-" + a;
            List<Long> byFirst = first.getOrDefault(aggregate, List.of());
            List<Long> bySecond = second.getOrDefault(aggregate, List.of());
            assertConsecutive(aggregate, byFirst, 1);
            long lastOfFirst = byFirst.isEmpty() ? 0 : byFirst.get(byFirst.size() - 1);
            if (!bySecond.isEmpty()) {
                // the successor starts at or before the first event the killed one did not process: nothing skipped
                assertTrue(bySecond.get(0) <= lastOfFirst + 1, aggregate + " skipped from " + lastOfFirst + " to " + bySecond.get(0));
                assertConsecutive(aggregate, bySecond, bySecond.get(0));
                assertEquals(VERSIONS, bySecond.get(bySecond.size() - 1));
                again += (int) Math.max(0, lastOfFirst - bySecond.get(0) + 1);
            } else {
                assertEquals(VERSIONS, lastOfFirst, aggregate + " not finished");
            }
        }
        System.out.println("killed consumer processed " + processedByFirst + ", successor " + processedBySecond.get()
                           + ", processed again " + again);
        assertEquals(AGGREGATES * VERSIONS, processedByFirst + processedBySecond.get() - again);
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
