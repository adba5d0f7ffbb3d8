package dev.eventbus.camel;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The eventbus dev console shows a consumer on a real Kafka broker, its offsets moving per partition. */
class KafkaDevConsoleIT extends KafkaITSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=console&partitions=3").routeId("kafka-console")
                        .to("mock:done");
            }
        };
    }

    @Test
    void offsetsMoveAsEventsAreProcessed() {
        ConsoleChecks.offsetsMove(context, template, "eventbus:" + topic + "?partitions=3", "kafka-console", "kafka",
                10, true);
    }
}
