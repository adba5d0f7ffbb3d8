package dev.eventbus.camel;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer's and producer's numbers are attributes of the MBeans Camel's JMX agent registers for them (read here
 * through the platform MBeanServer, as jconsole, Hawtio and Jolokia do).
 */
class EventBusJmxTest extends EventBusTestSupport {

    static final String[] CONSUMER_ATTRIBUTES = {"Transport", "Topic", "GroupId", "Concurrency", "LanesBusy",
            "InFlight", "PeakInFlight", "Processed", "DuplicatesSkipped", "Redeliveries", "DeadLettered", "Released",
            "Resequenced", "StaleSkipped", "Deferred", "Replayed", "DeadLetterFailures", "DeadLetterStuck",
            "PollFailures", "CompletionFailures", "SubscriptionState", "Connected", "Servers", "Lag",
            "PausedPartitions", "Partitions"};
    static final String[] PRODUCER_ATTRIBUTES = {"Transport", "Topic", "EventsPublished", "PublishFailures",
            "InFlightPublishes"};

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
        ObjectName consumer = mbean(server, "consumers", "jmx-consumer");
        assertHasAttributes(server, consumer, CONSUMER_ATTRIBUTES);
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

        ObjectName producer = mbean(server, "producers", "jmx-producer");
        assertHasAttributes(server, producer, PRODUCER_ATTRIBUTES);
        assertEquals("memory", server.getAttribute(producer, "Transport"));
        assertEquals("jmx-orders", server.getAttribute(producer, "Topic"));
        assertEquals(6L, server.getAttribute(producer, "EventsPublished"));
        assertEquals(0L, server.getAttribute(producer, "PublishFailures"));
        assertEquals(0, server.getAttribute(producer, "InFlightPublishes"));
    }

    /** The MBean of {@code type} (consumers, producers) of the route {@code routeId} in this test's context. */
    static ObjectName mbean(MBeanServer server, String type, String routeId) throws Exception {
        Set<ObjectName> names = server.queryNames(new ObjectName("org.apache.camel:context=*,type=" + type + ",*"),
                null);
        for (ObjectName name : names) {
            if (name.getKeyProperty("name").startsWith("EventBus")
                    && routeId.equals(server.getAttribute(name, "RouteId"))) {
                return name;
            }
        }
        throw new AssertionError("no eventbus MBean of type " + type + " for route " + routeId + " in " + names);
    }

    static void assertHasAttributes(MBeanServer server, ObjectName name, String... expected) throws Exception {
        Set<String> present = new java.util.HashSet<>();
        for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
            present.add(info.getName());
        }
        for (String attribute : expected) {
            assertTrue(present.contains(attribute), attribute + " missing from " + name + ": " + present);
        }
    }
}
