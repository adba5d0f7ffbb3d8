package dev.eventbus.camel;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.testsupport.Events;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eventbus dev console shows consumers on a real NATS JetStream server: counters, lag (the consumer's pending
 * count) and the committed and completed offsets (the durable's ack floor) moving, per partition.
 */
class NatsDevConsoleIT extends NatsTestSupport {

    private final CountDownLatch gate = new CountDownLatch(1);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=console")).routeId("nats-console").to("mock:done");
                from(nats(topic + "-held", "groupId=held&partitions=2&maxInFlight=2&concurrency=2"))
                        .routeId("nats-held").autoStartup(false)
                        .process(e -> assertTrue(gate.await(60, TimeUnit.SECONDS), "gate not opened"));
            }
        };
    }

    @AfterEach
    void openGate() {
        gate.countDown();
    }

    @Test
    void countersAndOffsetsMoveAsEventsAreProcessed() {
        ConsoleChecks.offsetsMove(context, template, nats(""), "nats-console", "nats", 10, true);
    }

    @Test
    void lagShowsWhileTheRouteHoldsTheConsumerThenDrains() throws Exception {
        DevConsole console = ConsoleChecks.console(context);
        for (int i = 0; i < 20; i++) {
            template.sendBodyAndHeaders(nats(topic + "-held", "partitions=2"), "{}",
                    Events.headers("order-" + i, "Placed", 1));
        }
        // the consumer starts behind the stored events (its lag is the pending count of the last message it received)
        context.getRouteController().startRoute("nats-held");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            Map<String, Object> consumer = ConsoleChecks.consumer(console, "nats-held");
            assertEquals(2, consumer.get("inFlight"), consumer.toString());
            assertEquals(2, ConsoleChecks.partitions(consumer).size(), consumer.toString());
            assertTrue((Long) consumer.get("lag") > 0, consumer.toString());
        });
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("Route Id: nats-held"), text);
        assertTrue(text.contains("In Flight: 2"), text);

        gate.countDown();
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            Map<String, Object> consumer = ConsoleChecks.consumer(console, "nats-held");
            assertEquals(20L, ConsoleChecks.counters(consumer).get("processed"), consumer.toString());
            assertEquals(0L, consumer.get("lag"), consumer.toString());
            assertEquals(0, consumer.get("inFlight"), consumer.toString());
        });
    }
}
