package dev.eventbus.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

}
