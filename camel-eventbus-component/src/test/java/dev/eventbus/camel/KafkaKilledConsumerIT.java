package dev.eventbus.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
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

    @Test
    void aKilledConsumersSuccessorSkipsNothing() throws Exception {
        template.sendBody("eventbus:" + topic + "?partitions=4", KilledConsumers.events(AGGREGATES, VERSIONS));

        Path processedFile = Files.createTempFile(Path.of("target"), "killed-consumer-", ".txt");
        Process killed = KilledConsumers.start(brokers(), topic, "killed", processedFile, "killed-consumer.log",
                KilledConsumers.SHORT_SESSION);
        try {
            await().atMost(java.time.Duration.ofSeconds(90))
                    .until(() -> Files.readAllLines(processedFile).size() > AGGREGATES * VERSIONS / 4);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        Map<String, List<Long>> first = KilledConsumers.read(processedFile);
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
            await().atMost(java.time.Duration.ofSeconds(90))
                    .until(() -> KilledConsumers.finished(first, second, AGGREGATES, VERSIONS));
        }

        int again = KilledConsumers.assertNothingSkipped(first, second, AGGREGATES, VERSIONS);
        System.out.println("killed consumer processed " + processedByFirst + ", successor " + processedBySecond.get()
                           + ", processed again " + again);
        assertEquals(AGGREGATES * VERSIONS, processedByFirst + processedBySecond.get() - again);
    }
}
