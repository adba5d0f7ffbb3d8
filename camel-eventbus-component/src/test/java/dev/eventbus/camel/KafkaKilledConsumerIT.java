package dev.eventbus.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
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
        Process killed = ConsumerProcess.start("eventbus:" + topic + "?transport=kafka&brokers=" + brokers()
                                               + "&groupId=killed&concurrency=8&maxInFlight=400",
                processedFile, Path.of("target", "killed-consumer.log"));
        try {
            await().atMost(java.time.Duration.ofSeconds(90))
                    .until(() -> Files.readAllLines(processedFile).size() > AGGREGATES * VERSIONS / 4);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        KilledConsumerCheck check = new KilledConsumerCheck("acct-", AGGREGATES, VERSIONS);
        assertTrue(check.readFirst(processedFile) < AGGREGATES * VERSIONS, "the killed consumer had finished already");

        try (CamelContext camel = new DefaultCamelContext()) {
            configure(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:" + topic + "?groupId=killed&concurrency=8").process(check::processedBySecond);
                }
            });
            camel.start();
            await().atMost(java.time.Duration.ofSeconds(90)).until(check::finished);
        }
        System.out.println(check.assertNothingSkippedAndOrderKept());
    }
}
