package dev.eventbus.camel;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import dev.eventbus.camel.testsupport.MBeans;
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

        ObjectName producer = MBeans.find(server, "producers", "jmx-producer");
        MBeans.assertHasAttributes(server, producer, MBeans.PRODUCER_ATTRIBUTES);
        assertEquals("memory", server.getAttribute(producer, "Transport"));
        assertEquals("jmx-orders", server.getAttribute(producer, "Topic"));
        assertEquals(6L, server.getAttribute(producer, "EventsPublished"));
        assertEquals(0L, server.getAttribute(producer, "PublishFailures"));
        assertEquals(0, server.getAttribute(producer, "InFlightPublishes"));
    }
}
