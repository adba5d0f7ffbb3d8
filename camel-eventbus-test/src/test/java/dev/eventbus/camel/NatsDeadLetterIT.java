package dev.eventbus.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failing and malformed events over NATS: retried in place, then dead-lettered to stream {@code <TOPIC>_DLQ}, subject
 * {@code <topic>.dlq}, with the original bytes and X-DLQ-* headers; the aggregate's later events still flow.
 */
class NatsDeadLetterIT extends NatsTestSupport {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(nats("groupId=payments&maxDeliveries=3&redeliveryDelay=10")).routeId("payments")
                        .process(e -> {
                            String id = e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class);
                            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            String body = e.getMessage().getBody(String.class);
                            if (body.contains("always-fails") || body.contains("fails-twice") && attempt <= 2) {
                                throw new IllegalStateException("payment service refused " + id);
                            }
                        })
                        .to("mock:payments");
            }
        };
    }

    private String dlqStream() {
        return topic.toUpperCase() + "_DLQ";
    }

    @Test
    void failThenSucceedIsRetriedInPlaceAndAlwaysFailIsDeadLetteredWhileTheAggregateMovesOn() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:payments");
        mock.expectedBodiesReceived("{\"n\":\"fails-twice\"}", "{\"n\":3}");

        template.sendBodyAndHeaders(nats(""), "{\"n\":\"fails-twice\"}", event("p-1", "Paid", 1));
        template.sendBodyAndHeaders(nats(""), "{\"n\":\"always-fails\"}", event("p-1", "Paid", 2));
        template.sendBodyAndHeaders(nats(""), "{\"n\":3}", event("p-1", "Paid", 3));

        mock.assertIsSatisfied(20_000);
        await().atMost(10, TimeUnit.SECONDS).until(() -> streamMessages(dlqStream()) == 1);
        MessageInfo dead = stored(dlqStream(), 1);
        assertEquals(topic + ".dlq", dead.getSubject());
        assertArrayEquals(stored(topic.toUpperCase(), 2).getData(), dead.getData());
        Headers h = dead.getHeaders();
        assertTrue(
                h.getFirst(DeadLetterHeaders.REASON)
                        .startsWith("failed 3 times: java.lang.IllegalStateException: payment service refused"),
                h.getFirst(DeadLetterHeaders.REASON));
        assertEquals(topic, h.getFirst(DeadLetterHeaders.ORIGINAL_TOPIC));
        assertEquals("0", h.getFirst(DeadLetterHeaders.ORIGINAL_PARTITION));
        assertEquals("2", h.getFirst(DeadLetterHeaders.ORIGINAL_OFFSET));
        assertEquals("3", h.getFirst(DeadLetterHeaders.DELIVERY_COUNT));
        assertEquals("payments", h.getFirst(DeadLetterHeaders.GROUP_ID));
        assertEquals("p-1", h.getFirst("X-Aggregate-ID"));
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("payments").getConsumer();
        assertEquals(1, consumer.getStats().deadLettered());
        assertEquals(2, consumer.getStats().processed());
        await().atMost(10, TimeUnit.SECONDS).until(() -> jsm().getConsumerInfo(topic.toUpperCase(), "payments")
                .getNumAckPending() == 0);
    }

}
