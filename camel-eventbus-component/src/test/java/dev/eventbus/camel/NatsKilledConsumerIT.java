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
 * A consumer JVM on a NATS durable killed with SIGKILL mid-stream (no stop, nothing acked or nak'ed on the way out),
 * then a successor on the same durable: it waits for the killed one's unacked messages (redelivered after AckWait,
 * 2 s here), processes everything the killed one did not, skips nothing and keeps each aggregate's order.
 */
class NatsKilledConsumerIT extends NatsTestSupport {

    private static final int AGGREGATES = 100;
    private static final int VERSIONS = 50;
    private static final String CONSUMER = "groupId=killed&concurrency=8&maxInFlight=400&ackWait=2000&resequenceTimeout=6000";

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
    void aKilledConsumersSuccessorOnTheDurableSkipsNothing() throws Exception {
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().aggregateId("order-" + a).eventType("T").eventVersion(v).payload("{}").build());
            }
            template.sendBody(nats(""), batch);
            batch.clear();
        }

        Path processedFile = Files.createTempFile(Path.of("target"), "killed-nats-consumer-", ".txt");
        Process killed = ConsumerProcess.start(nats(CONSUMER), processedFile, Path.of("target", "killed-nats-consumer.log"));
        try {
            await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> Files.readAllLines(processedFile).size() > AGGREGATES * VERSIONS / 4);
        } finally {
            killed.destroyForcibly();
            killed.waitFor(30, TimeUnit.SECONDS);
        }
        KilledConsumerCheck check = new KilledConsumerCheck("order-", AGGREGATES, VERSIONS);
        assertTrue(check.readFirst(processedFile) < AGGREGATES * VERSIONS, "the killed consumer had finished already");

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(nats(CONSUMER)).process(check::processedBySecond);
                }
            });
            camel.start();
            await().atMost(java.time.Duration.ofSeconds(30)).until(check::finished);
        }
        System.out.println(check.assertNothingSkippedAndOrderKept());
    }
}
