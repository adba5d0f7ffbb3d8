package dev.eventbus.camel.test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.test.deadletter.DeadLetter;
import dev.eventbus.camel.test.deadletter.DeadLetterReader;
import dev.eventbus.camel.test.envelope.TestEnvelopes;
import dev.eventbus.camel.test.provider.Provider;
import dev.eventbus.camel.transport.WireHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's CamelTestSupport test on a real broker from the kit, the same on Kafka and NATS: events arrive in order, a
 * failing event is read back from the dead-letter topic with its X-DLQ-* headers, the consumers become idle.
 */
abstract class BrokerKitChecks extends CamelTestSupport {

    protected final String topic = "kit-" + UUID.randomUUID().toString().substring(0, 8);

    /** Points the component at the injected broker. */
    protected abstract void configure(CamelContext camel);

    /** Where the injected broker comes from. */
    protected abstract Provider provider();

    /** A reader of the injected broker's dead letters. */
    protected abstract DeadLetterReader deadLetters();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        configure(camel);
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:" + topic + "?groupId=kit").routeId("orders").to("mock:orders");
                from("eventbus:" + topic + "-failing?groupId=kit&maxDeliveries=1&redeliveryDelay=10").routeId("failing")
                        .throwException(new IllegalStateException("payment refused"));
            }
        };
    }

    @Test
    void eventsArriveInOrderAndTheConsumerBecomesIdle() throws Exception {
        MockEndpoint orders = getMockEndpoint("mock:orders");
        orders.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

        for (Envelope event : TestEnvelopes.history("order-1", 3)) {
            template.sendBody("eventbus:" + topic, event);
        }

        orders.assertIsSatisfied(30_000);
        ConsumerIdle.await(context, "orders", Duration.ofSeconds(10));
        assertTrue(ConsumerIdle.isIdle(context, null));
        assertNotEquals(Provider.REMOTE, provider());
    }

    @Test
    void aFailingEventIsReadBackFromTheDeadLetterTopicWithItsReason() {
        Envelope event = TestEnvelopes.event("payment-9", 1, "{\"amount\":5}");
        template.sendBody("eventbus:" + topic + "-failing", event);

        List<DeadLetter> letters = deadLetters().read(DeadLetterReader.topicOf(topic + "-failing"), 1,
                Duration.ofSeconds(30));

        DeadLetter letter = letters.get(0);
        assertTrue(letter.reason().contains("payment refused"), letter.reason());
        assertEquals(topic + "-failing", letter.originalTopic());
        assertEquals(IllegalStateException.class.getName(), letter.exceptionClass());
        assertEquals(event.eventId(), letter.headers().get("X-Event-ID"));
        assertEquals(event, TestEnvelopes.decode(letter.value()));
        assertTrue(letter.headers().containsKey(WireHeaders.DLQ_DELIVERY_COUNT), letter.headers()::toString);
        ConsumerIdle.await(context, "failing", Duration.ofSeconds(10));
    }
}
