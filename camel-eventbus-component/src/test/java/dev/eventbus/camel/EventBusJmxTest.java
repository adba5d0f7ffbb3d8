package dev.eventbus.camel;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import dev.eventbus.camel.testsupport.MBeans;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's and producer's numbers are attributes of the MBeans Camel's JMX agent registers for them (read here
 * through the platform MBeanServer, as jconsole, Hawtio and Jolokia do).
 */
class EventBusJmxTest extends EventBusTestSupport {

    private final CountDownLatch release = new CountDownLatch(1);

    EventBusJmxTest() {
        testConfiguration().withJMX(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").routeId("jmx-producer").to("eventbus:jmx-orders");
                from("eventbus:jmx-orders?groupId=billing&concurrency=3&maxDeliveries=2&redeliveryDelay=10")
                        .routeId("jmx-consumer")
                        .process(e -> {
                            if ("poison".equals(e.getMessage().getHeader(EventBusConstants.AGGREGATE_ID))) {
                                throw new IllegalStateException("refused");
                            }
                        })
                        .to("mock:done");
                from("direct:full").routeId("jmx-full-producer")
                        .to("eventbus:jmx-full?capacity=2&partitions=1&publishTimeout=1000");
                from("eventbus:jmx-full?groupId=slow&capacity=2&partitions=1&maxInFlight=1")
                        .routeId("jmx-full-consumer")
                        .process(e -> assertTrue(release.await(20, TimeUnit.SECONDS)));
            }
        };
    }

    @Test
    void consumerAndProducerNumbersAreMBeanAttributes() throws Exception {
        MockEndpoint done = getMockEndpoint("mock:done");
        done.expectedMessageCount(5);
        for (int i = 1; i <= 5; i++) {
            template.sendBodyAndHeaders("direct:publish", "{\"n\":" + i + "}", event("order-" + i, "Placed", 1));
        }
        template.sendBodyAndHeaders("direct:publish", "{}", event("poison", "Placed", 1));
        done.assertIsSatisfied(10_000);

        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName consumer = MBeans.find(server, "consumers", "jmx-consumer");
        MBeans.assertHasAttributes(server, consumer, MBeans.CONSUMER_ATTRIBUTES);
        await().atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertEquals(1L, server.getAttribute(consumer, "DeadLettered")));
        assertEquals("memory", server.getAttribute(consumer, "Transport"));
        assertEquals("jmx-orders", server.getAttribute(consumer, "Topic"));
        assertEquals("billing", server.getAttribute(consumer, "GroupId"));
        assertEquals(3, server.getAttribute(consumer, "Concurrency"));
        assertEquals(5L, server.getAttribute(consumer, "Processed"));
        assertEquals(1L, server.getAttribute(consumer, "Redeliveries"));
        assertEquals(0L, server.getAttribute(consumer, "DuplicatesSkipped"));
        assertEquals(0, server.getAttribute(consumer, "DeadLetterStuck"));
        assertEquals(0L, server.getAttribute(consumer, "PollFailures"));
        assertEquals(0L, server.getAttribute(consumer, "CompletionFailures"));
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals(0, server.getAttribute(consumer, "InFlight"));
            assertEquals(0, server.getAttribute(consumer, "LanesBusy"));
        });
        assertTrue((Integer) server.getAttribute(consumer, "PeakInFlight") >= 1);
        assertEquals("RUNNING", server.getAttribute(consumer, "SubscriptionState"));
        assertEquals(true, server.getAttribute(consumer, "Connected"));
        assertEquals("memory", server.getAttribute(consumer, "Servers"));
        assertEquals("", server.getAttribute(consumer, "PausedPartitions"));
        // six events (one dead-lettered) over the memory topic's eight partitions, every one completed and committed
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertEquals(0L, server.getAttribute(consumer, "Lag"));
            Map<Integer, CompositeData> partitions = MBeans.partitions(server, consumer);
            assertEquals(8, partitions.size(), partitions.toString());
            long committed = 0;
            for (CompositeData row : partitions.values()) {
                committed += (Long) row.get("committedOffset");
                assertEquals(row.get("committedOffset"), row.get("completedOffset"));
            }
            assertEquals(6, committed);
        });
        context.getRouteController().suspendRoute("jmx-consumer");
        assertEquals("PAUSED", server.getAttribute(consumer, "SubscriptionState"));
        assertEquals("0,1,2,3,4,5,6,7", server.getAttribute(consumer, "PausedPartitions"));
        context.getRouteController().resumeRoute("jmx-consumer");
        assertEquals("RUNNING", server.getAttribute(consumer, "SubscriptionState"));

        ObjectName producer = MBeans.find(server, "producers", "jmx-producer");
        MBeans.assertHasAttributes(server, producer, MBeans.PRODUCER_ATTRIBUTES);
        assertEquals("memory", server.getAttribute(producer, "Transport"));
        assertEquals("jmx-orders", server.getAttribute(producer, "Topic"));
        assertEquals(6L, server.getAttribute(producer, "EventsPublished"));
        assertEquals(0L, server.getAttribute(producer, "PublishFailures"));
        assertEquals(0, server.getAttribute(producer, "InFlightPublishes"));
    }

    @Test
    void aPublishWaitingForRoomIsInFlightThenAFailure() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName producer = MBeans.find(server, "producers", "jmx-full-producer");
        template.sendBodyAndHeaders("direct:full", "{}", event("a-1", "Placed", 1));
        template.sendBodyAndHeaders("direct:full", "{}", event("a-1", "Placed", 2));
        assertEquals(2L, server.getAttribute(producer, "EventsPublished"));

        // the topic is full (capacity 2, the consumer holds its event): the third publish waits, then fails
        CompletableFuture<Object> third = template.asyncRequestBodyAndHeaders("direct:full", "{}",
                event("a-1", "Placed", 3));
        await().atMost(5, TimeUnit.SECONDS)
                .untilAsserted(() -> assertEquals(1, server.getAttribute(producer, "InFlightPublishes")));
        ExecutionException failed = assertThrows(ExecutionException.class, () -> third.get(10, TimeUnit.SECONDS));
        Throwable root = failed;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(TimeoutException.class, root, root.toString());
        assertEquals(1L, server.getAttribute(producer, "PublishFailures"));
        assertEquals(0, server.getAttribute(producer, "InFlightPublishes"));
        assertEquals(2L, server.getAttribute(producer, "EventsPublished"));
    }

    @AfterEach
    void releaseTheSlowConsumer() {
        release.countDown();
    }
}
