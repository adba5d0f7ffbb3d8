package dev.eventbus.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.consumer.RedeliveryPolicy;
import dev.eventbus.camel.transport.Delivery;
import org.apache.camel.BindToRegistry;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A user's redelivery policy (option redeliveryPolicy): its delay function is used, a non-retryable failure is dead-lettered at once. */
class EventBusRedeliveryPolicyTest extends EventBusTestSupport {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** The delivery counts the policy was asked a delay for. */
    private final List<Integer> delaysAsked = new CopyOnWriteArrayList<>();

    @BindToRegistry("strictPolicy")
    private final RedeliveryPolicy strict = new RedeliveryPolicy() {
        @Override
        public int maxDeliveries() {
            return 4;
        }

        @Override
        public long delayMillis(int deliveryCount, Throwable cause) {
            delaysAsked.add(deliveryCount);
            return 5L * deliveryCount;
        }

        @Override
        public boolean retryable(Throwable cause) {
            return !(cause instanceof IllegalArgumentException);
        }
    };

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:orders?redeliveryPolicy=#strictPolicy&maxDeliveries=1").routeId("orders")
                        .process(e -> {
                            String id = e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class);
                            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                            String body = e.getMessage().getBody(String.class);
                            if (body.contains("invalid")) {
                                throw new IllegalArgumentException("order " + id + " is invalid");
                            }
                            if (body.contains("flaky") && attempt <= 2) {
                                throw new IllegalStateException("stock service busy");
                            }
                        })
                        .to("mock:orders");
            }
        };
    }

    @Test
    void aNonRetryableFailureIsDeadLetteredAfterOneDeliveryAndARetryableOneFollowsThePolicy() throws Exception {
        MockEndpoint mock = getMockEndpoint("mock:orders");
        mock.expectedBodiesReceived("{\"flaky\":true}", "{\"n\":3}");
        mock.expectedHeaderValuesReceivedInAnyOrder(EventBusConstants.DELIVERY_COUNT, 3, 1);
        template.sendBodyAndHeaders("eventbus:orders", "{\"invalid\":true}",
                Map.of(EventBusConstants.AGGREGATE_ID, "o-1", EventBusConstants.EVENT_TYPE, "Placed",
                        EventBusConstants.EVENT_VERSION, 1L, EventBusConstants.EVENT_ID, "evt-invalid"));
        template.sendBodyAndHeaders("eventbus:orders", "{\"flaky\":true}",
                Map.of(EventBusConstants.AGGREGATE_ID, "o-1", EventBusConstants.EVENT_TYPE, "Placed",
                        EventBusConstants.EVENT_VERSION, 2L, EventBusConstants.EVENT_ID, "evt-flaky"));
        template.sendBodyAndHeaders("eventbus:orders", "{\"n\":3}", event("o-1", "Placed", 3));

        mock.assertIsSatisfied(10_000);
        assertEquals(1, attempts.get("evt-invalid").get(), "not retryable: delivered once");
        assertEquals(3, attempts.get("evt-flaky").get(),
                "retryable: the policy's maxDeliveries (4), not the option (1)");
        Delivery dead = readRaw("orders.dlq", "inspector", 1).get(0);
        assertEquals("failed 1 times (not retryable): java.lang.IllegalArgumentException: order evt-invalid is invalid",
                dead.headers().get(DeadLetterHeaders.REASON));
        assertEquals("1", dead.headers().get(DeadLetterHeaders.DELIVERY_COUNT));
        assertEquals("java.lang.IllegalArgumentException", dead.headers().get(DeadLetterHeaders.EXCEPTION_CLASS));
        assertEquals(List.of(1, 2), delaysAsked, "the policy's delay function was asked after each retryable failure");
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("orders").getConsumer();
        assertEquals(1, consumer.getStats().deadLettered());
        assertEquals(2, consumer.getStats().redeliveries());
    }
}
