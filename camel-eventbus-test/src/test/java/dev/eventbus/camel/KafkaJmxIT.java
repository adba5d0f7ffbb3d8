package dev.eventbus.camel;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import dev.eventbus.camel.testsupport.Events;
import dev.eventbus.camel.testsupport.MBeans;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real Kafka broker the consumer's MBean shows the lag while the route holds the consumer back at its in-flight
 * bound, and the committed and completed offsets per partition once it caught up; the producer's MBean counts what it
 * published.
 */
class KafkaJmxIT extends KafkaITSupport {

    private static final int EVENTS = 40;
    private static final int MAX_IN_FLIGHT = 4;
    private final CountDownLatch gate = new CountDownLatch(1);

    KafkaJmxIT() {
        testConfiguration().withJMX(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").routeId("kafka-jmx-producer").to("eventbus:" + topic + "?partitions=2");
                from("eventbus:" + topic + "?groupId=jmx&partitions=2&concurrency=2&maxInFlight=" + MAX_IN_FLIGHT)
                        .routeId("kafka-jmx-consumer").autoStartup(false)
                        .process(e -> assertTrue(gate.await(60, TimeUnit.SECONDS), "gate not opened"));
            }
        };
    }

    @Test
    void lagWhileHeldBackThenOffsetsPerPartition() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName producer = MBeans.find(server, "producers", "kafka-jmx-producer");
        MBeans.assertHasAttributes(server, producer, MBeans.PRODUCER_ATTRIBUTES);
        for (int i = 0; i < EVENTS; i++) {
            template.sendBodyAndHeaders("direct:publish", "{}", Events.headers("order-" + i, "Placed", 1));
        }
        assertEquals("kafka", server.getAttribute(producer, "Transport"));
        assertEquals((long) EVENTS, server.getAttribute(producer, "EventsPublished"));
        assertEquals(0L, server.getAttribute(producer, "PublishFailures"));
        assertEquals(0, server.getAttribute(producer, "InFlightPublishes"));

        // the consumer starts behind the published events and the route holds it at its in-flight bound
        context.getRouteController().startRoute("kafka-jmx-consumer");
        ObjectName consumer = MBeans.find(server, "consumers", "kafka-jmx-consumer");
        MBeans.assertHasAttributes(server, consumer, MBeans.CONSUMER_ATTRIBUTES);
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals(MAX_IN_FLIGHT, server.getAttribute(consumer, "InFlight"));
            assertEquals(2, MBeans.partitions(server, consumer).size());
            assertEquals((long) EVENTS - MAX_IN_FLIGHT, server.getAttribute(consumer, "Lag"));
            // fewer permits free than one poll takes: every partition is paused
            assertEquals("0,1", server.getAttribute(consumer, "PausedPartitions"));
        });
        assertTrue((Integer) server.getAttribute(consumer, "LanesBusy") >= 1);
        assertEquals("kafka", server.getAttribute(consumer, "Transport"));
        assertEquals("jmx", server.getAttribute(consumer, "GroupId"));
        assertEquals("RUNNING", server.getAttribute(consumer, "SubscriptionState"));
        assertEquals(true, server.getAttribute(consumer, "Connected"));
        assertEquals(brokers(), server.getAttribute(consumer, "Servers"));
        assertEquals(0L, server.getAttribute(consumer, "Processed"));

        gate.countDown();
        await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals((long) EVENTS, server.getAttribute(consumer, "Processed"));
            assertEquals(0L, server.getAttribute(consumer, "Lag"));
            long committed = 0;
            long completed = 0;
            for (Map.Entry<Integer, CompositeData> row : MBeans.partitions(server, consumer).entrySet()) {
                committed += (Long) row.getValue().get("committedOffset");
                completed += (Long) row.getValue().get("completedOffset");
                assertEquals(0L, row.getValue().get("lag"), "partition " + row.getKey());
                assertEquals(false, row.getValue().get("paused"), "partition " + row.getKey());
            }
            // offsets start at 0 on a new topic: what the group resumes from is the number of records read
            assertEquals(EVENTS, committed);
            assertEquals(EVENTS, completed);
        });
        assertEquals(0, server.getAttribute(consumer, "InFlight"));
        assertEquals("", server.getAttribute(consumer, "PausedPartitions"));
        assertEquals(0L, server.getAttribute(consumer, "PollFailures"));
    }

    @Test
    void lagGrowsWithRecordsPublishedWhileEveryPartitionIsPaused() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int i = 0; i < EVENTS; i++) {
            template.sendBodyAndHeaders("direct:publish", "{}", Events.headers("order-" + i, "Placed", 1));
        }
        context.getRouteController().startRoute("kafka-jmx-consumer");
        ObjectName consumer = MBeans.find(server, "consumers", "kafka-jmx-consumer");
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals("0,1", server.getAttribute(consumer, "PausedPartitions"));
            assertEquals((long) EVENTS - MAX_IN_FLIGHT, server.getAttribute(consumer, "Lag"));
        });
        // paused partitions are not fetched, so the consumer's lag metadata does not see these: the lag must anyway
        for (int i = 0; i < EVENTS; i++) {
            template.sendBodyAndHeaders("direct:publish", "{}", Events.headers("order-" + i, "Placed", 2));
        }
        await().atMost(30, TimeUnit.SECONDS).untilAsserted(
                () -> assertEquals(2L * EVENTS - MAX_IN_FLIGHT, server.getAttribute(consumer, "Lag")));
        gate.countDown();
        await().atMost(60, TimeUnit.SECONDS)
                .untilAsserted(() -> assertEquals(0L, server.getAttribute(consumer, "Lag")));
    }
}
