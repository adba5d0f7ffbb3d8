package dev.eventbus.camel;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The eventbus dev console shows a consumer on a real NATS JetStream server, its offsets (stream sequences) moving. */
class NatsDevConsoleIT extends NatsTestSupport {

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=console")).routeId("nats-console").to("mock:done");
            }
        };
    }

    @Test
    void offsetsMoveAsEventsAreProcessed() {
        ConsoleChecks.offsetsMove(context, template, nats(""), "nats-console", "nats", 10);
    }
}
