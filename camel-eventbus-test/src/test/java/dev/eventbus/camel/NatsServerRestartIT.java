package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.test.nats.NatsTestServer;
import dev.eventbus.camel.testsupport.OrderChecker;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nats-server process is stopped and started again on the same store while events flow: the consumer reconnects
 * and resumes; no event is lost and none processed out of order (a redelivered event that lost its place is held
 * back by the resequencer until it arrives). The producer retries a batch whose publish failed; the stream's
 * duplicate window drops what had been stored already.
 */
class NatsServerRestartIT extends NatsTestSupport {

    private static final NatsTestServer SERVER = NatsTestServer.startNew();
    private static final int AGGREGATES = 200;
    private static final int VERSIONS = 100;

    private final OrderChecker checker = new OrderChecker();

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Override
    protected String serverUrl() {
        return SERVER.serverUrl();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=restart&concurrency=8&ackWait=2000&resequenceTimeout=15000")).routeId("restart")
                        .process(e -> checker.begin(
                                e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)))
                        .delay(simple("${random(0,2)}")).asyncDelayed()
                        .process(
                                e -> checker.end(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID, String.class),
                                        e.getMessage().getHeader(EventBusConstants.EVENT_VERSION, Long.class)));
            }
        };
    }

    @Test
    void theConsumerResumesAfterAServerRestartWithoutLossOrReordering() throws Exception {
        String producer = nats("publishTimeout=5000");
        int published = 0;
        int failedBatches = 0;
        boolean restarted = false;
        for (int v = 1; v <= VERSIONS; v++) {
            List<Envelope> batch = new ArrayList<>();
            for (int a = 0; a < AGGREGATES; a++) {
                batch.add(
                        Envelope.builder().eventId("e-" + a + "-" + v).aggregateId("order-" + a).eventType("LineAdded")
                                .eventVersion(v).payload("{}").build());
            }
            while (true) {
                try {
                    template.sendBody(producer, batch);
                    break;
                } catch (CamelExecutionException e) {
                    failedBatches++; // a retrying producer: the duplicate window drops what was stored
                    assertTrue(failedBatches < 50, "publishing keeps failing: " + e.getCause());
                }
            }
            published += batch.size();
            if (v == VERSIONS / 3 && !restarted) {
                await().atMost(30, TimeUnit.SECONDS).until(() -> checker.completed.get() > AGGREGATES * 10L);
                SERVER.stop();
                SERVER.start();
                restarted = true;
            }
        }

        int total = published;
        await().atMost(90, TimeUnit.SECONDS).until(() -> {
            for (int a = 0; a < AGGREGATES; a++) {
                if (checker.lastVersion("order-" + a) != VERSIONS) {
                    return false;
                }
            }
            return true;
        });
        assertEquals(0, checker.violations.get(), "order violations");
        assertEquals(0, checker.overlaps.get(), "events of one aggregate processed at the same time");
        assertEquals(AGGREGATES * VERSIONS, total);
        assertEquals(AGGREGATES * VERSIONS, streamMessages(topic.toUpperCase()), "stored once each");
    }
}
