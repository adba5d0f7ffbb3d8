package dev.eventbus.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.transport.Delivery;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Undecodable records and events whose route keeps failing go to the dead-letter topic; the flow goes on. */
class EventBusDeadLetterTest extends EventBusTestSupport {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:payments?maxDeliveries=3&redeliveryDelay=10").routeId("payments")
                        .process(e -> {
                            String id = e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class);
                            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            String body = e.getMessage().getBody(String.class);
                            if (body.contains("always-fails") || body.contains("fails-twice") && attempt <= 2) {
                                throw new IllegalStateException("payment service refused " + id);
                            }
                        })
                        .to("mock:payments");
                from("eventbus:handled").routeId("handled")
                        .onException(IllegalStateException.class).handled(true).to("mock:handled-errors").end()
                        .process(e -> {
                            throw new IllegalStateException("handled by the route");
                        });
            }
        };
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithTheirBytesAndTheFlowContinues() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:payments");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}");
        byte[] garbage = "{\"event_id\":\"e1\",\"aggregate_id\":".getBytes(StandardCharsets.UTF_8);
        byte[] noType = new EnvelopeCodec().encode(Envelope.builder().aggregateId("p-1").eventType("X").eventVersion(1)
                .payload("{}").build());
        noType = utf8(noType).replace("\"event_type\":\"X\",", "").getBytes(StandardCharsets.UTF_8);

        template.sendBodyAndHeaders("eventbus:payments", "{\"n\":1}", event("p-1", "Paid", 1));
        publishRaw("payments", "p-1", garbage);
        publishRaw("payments", "p-1", noType);
        template.sendBodyAndHeaders("eventbus:payments", "{\"n\":2}", event("p-1", "Paid", 2));

        mock.assertIsSatisfied(10_000);
        List<Delivery> dead = readRaw("payments.dlq", "inspector", 2);
        assertEquals(2, dead.size());
        assertArrayEquals(garbage, dead.get(0).value());
        assertEquals("p-1", dead.get(0).key());
        assertTrue(
                dead.get(0).headers().get(DeadLetterHeaders.REASON)
                        .startsWith("undecodable: Invalid envelope: envelope is not valid JSON"),
                dead.get(0).headers().get(DeadLetterHeaders.REASON));
        assertEquals("payments", dead.get(0).headers().get(DeadLetterHeaders.ORIGINAL_TOPIC));
        assertEquals("1", dead.get(0).headers().get(DeadLetterHeaders.ORIGINAL_OFFSET));
        assertArrayEquals(noType, dead.get(1).value());
        assertEquals("undecodable: Invalid envelope: event_type must not be blank",
                dead.get(1).headers().get(DeadLetterHeaders.REASON));
        assertEquals("dev.eventbus.camel.envelope.InvalidEnvelopeException",
                dead.get(1).headers().get(DeadLetterHeaders.EXCEPTION_CLASS));
        assertEquals(2, paymentsConsumer().getStats().deadLettered());
    }

    @Test
    void anEventThatFailsTwiceIsProcessedOnTheThirdDeliveryInOrder() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:payments");
        mock.expectedBodiesReceived("{\"v\":1,\"fails-twice\":true}", "{\"v\":2}");
        mock.expectedHeaderValuesReceivedInAnyOrder(EventBusConstants.DELIVERY_COUNT, 3, 1);
        template.sendBodyAndHeaders("eventbus:payments", "{\"v\":1,\"fails-twice\":true}", event("p-3", "Paid", 1));
        template.sendBodyAndHeaders("eventbus:payments", "{\"v\":2}", event("p-3", "Paid", 2));
        mock.assertIsSatisfied(10_000);
        assertEquals(0, paymentsConsumer().getStats().deadLettered());
        assertEquals(0, retained("payments.dlq"));
    }

    @Test
    void anExceptionHandledByTheRouteIsNotRedelivered() throws Exception {
        MockEndpoint errors = getMockEndpoint("mock:handled-errors");
        errors.expectedMessageCount(1);
        template.sendBodyAndHeaders("eventbus:handled", "{}", event("h-1", "X", 1));
        errors.assertIsSatisfied(10_000);
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("handled").getConsumer();
        org.awaitility.Awaitility.await().until(() -> consumer.getStats().processed() == 1);
        assertEquals(0, consumer.getStats().redeliveries());
    }

    private EventBusConsumer paymentsConsumer() {
        return (EventBusConsumer) context.getRoute("payments").getConsumer();
    }
}
