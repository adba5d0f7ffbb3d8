package dev.eventbus.camel;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topic provisioning at start, and a stop that leaves no thread of ours or of the Kafka clients. */
class KafkaLifecycleIT extends KafkaITSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // each test builds its own context
            }
        };
    }

    @Test
    void aMissingTopicFailsTheStartWhenItMayNotBeCreated() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            configure(camel);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("eventbus:" + topic + "-missing?groupId=g&autoCreateTopics=false").to("log:x");
                }
            });
            Exception e = assertThrows(Exception.class, camel::start);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertEquals("Kafka topic '" + topic + "-missing' does not exist on " + brokers()
                         + " and autoCreateTopics=false; create it or allow autoCreateTopics", root.getMessage());
        }
    }

    @Test
    void stoppingTheContextLeavesNoThreadBehind() throws Exception {
        context.stop(); // the test support's own context is not needed
        CamelContext camel = new DefaultCamelContext();
        configure(camel);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=lifecycle").to("mock:got");
            }
        });
        camel.start();
        MockEndpoint mock = camel.getEndpoint("mock:got", MockEndpoint.class);
        mock.expectedMessageCount(1);
        camel.createProducerTemplate().sendBodyAndHeaders("eventbus:" + topic, "{}",
                java.util.Map.of(EventBusConstants.AGGREGATE_ID, "a", EventBusConstants.EVENT_TYPE, "T",
                        EventBusConstants.EVENT_VERSION, 1L));
        mock.assertIsSatisfied(20_000);
        assertTrue(clientThreads().stream().anyMatch(n -> n.startsWith("eventbus-poll-" + topic)), clientThreads().toString());
        assertTrue(clientThreads().stream().anyMatch(n -> n.startsWith("kafka-producer-network-thread")));

        long start = System.nanoTime();
        camel.stop();
        System.out.println("idle context with a Kafka consumer stopped in "
                           + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
        // Kafka's client threads end asynchronously right after close() returns
        await().atMost(java.time.Duration.ofSeconds(5)).until(() -> clientThreads().isEmpty());
        assertEquals(Set.of(), clientThreads());
    }
}
