package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * A consumer is stopped abruptly mid-stream (forced shutdown with a 1 s timeout while slow routes run) and a new one
 * starts on the same durable: every event is processed at least once, none is skipped, each aggregate's order holds.
 */
class NatsAbruptStopIT extends NatsTestSupport {

    private static final int AGGREGATES = 100;
    private static final int VERSIONS = 50;

    private final VersionLog versionLog = new VersionLog();
    private final AtomicLong completed = new AtomicLong();

    private RouteBuilder consumer(String id) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=crash&concurrency=4&maxInFlight=500&ackWait=2000")).routeId(id)
                        .delay(simple("${random(0,3)}")).asyncDelayed()
                        .process(e -> {
                            versionLog.processed(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                    e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class));
                            completed.incrementAndGet();
                        });
            }
        };
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // producer only
            }
        };
    }

    @Test
    void aNewConsumerOnTheSameDurableProcessesEverythingInOrderAtLeastOnce() throws Exception {
        CamelContext first = new DefaultCamelContext();
        first.addRoutes(consumer("first"));
        first.getShutdownStrategy().setTimeout(1);
        first.start();
        List<Envelope> batch = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(Envelope.builder().aggregateId("order-" + a).eventType("LineAdded").eventVersion(v)
                        .payload("{}").build());
            }
            template.sendBody(nats(""), batch);
            batch.clear();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> completed.get() > AGGREGATES * VERSIONS / 4);
        first.getShutdownStrategy().setShutdownNowOnTimeout(true);
        first.stop(); // abrupt: in-flight events are abandoned
        long byFirst = completed.get();
        assertTrue(byFirst < AGGREGATES * VERSIONS, "the first consumer was stopped mid-stream");

        try (CamelContext second = new DefaultCamelContext()) {
            second.addRoutes(consumer("second"));
            second.start();
            await().atMost(60, TimeUnit.SECONDS).until(() -> {
                for (int a = 0; a < AGGREGATES; a++) {
                    if (versionLog.last("order-" + a) != VERSIONS) {
                        return false;
                    }
                }
                return true;
            });
        }
        assertEquals(List.of(), versionLog.violations(), "skipped or backward versions");
        first.close();
    }
}
