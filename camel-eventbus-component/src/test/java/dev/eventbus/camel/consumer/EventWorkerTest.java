package dev.eventbus.camel.consumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.EventBusConsumer;
import dev.eventbus.camel.EventBusEndpoint;
import dev.eventbus.camel.EventBusTestSupport;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.ordering.Outcome;
import dev.eventbus.camel.ordering.Resequencer;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's decisions for one event, driven directly on a lane index with records the test controls. */
class EventWorkerTest extends EventBusTestSupport {

    private final AtomicInteger routeRuns = new AtomicInteger();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("eventbus:worker?maxDeliveries=1").routeId("worker").process(e -> {
                    routeRuns.incrementAndGet();
                    throw new IllegalStateException("always fails");
                });
            }
        };
    }

    @Test
    void anEventReleasedWhileItsDeadLetterWasStuckIsNotSkippedWhenItComesBack() throws Exception {
        EventBusConsumer consumer = (EventBusConsumer) context.getRoute("worker").getConsumer();
        EventBusEndpoint endpoint = consumer.getEndpoint();
        Counters stats = new Counters();
        EventWorker worker = new EventWorker(new PipelineContext(exchangesOf(consumer),
                endpoint.getConfiguration().resolveRedeliveryPolicy(),
                DeadLetters.of(refusingPublisher(), endpoint.getConfiguration(), "g", stats), stats),
                endpoint.getConfiguration(), Resequencer.OFF);
        byte[] value = new EnvelopeCodec().encode(Envelope.builder().aggregateId("a-1").eventType("T").eventVersion(5)
                .payload("{}").build());
        StubDelivery delivery = new StubDelivery("a-1", value, Map.of());
        InboundEvent first = new InboundEvent(delivery, new EnvelopeCodec().decode(value), null);

        Outcome failedDeadLetter = worker.work(0, first, 1);
        assertFalse(failedDeadLetter instanceof Outcome.Done, "the dead-letter destination refuses: the event is kept");
        assertEquals(1, stats.deadLetterStuck());
        // its partition moves away (rebalance) and comes back: the event is released, then read again
        delivery.revoked.set(true);
        assertTrue(worker.work(0, first, 2) instanceof Outcome.Done);
        assertEquals(0, stats.deadLetterStuck());

        InboundEvent again = new InboundEvent(new StubDelivery("a-1", value, Map.of()),
                new EnvelopeCodec().decode(value),
                null);
        worker.work(0, again, 1);
        assertEquals(0, stats.duplicatesSkipped(), "neither processed nor dead-lettered: it must not count as done");
        assertEquals(2, routeRuns.get());
    }

    /** The route's exchanges, carrying the payload only (the route fails whatever it gets). */
    private static EventExchanges exchangesOf(EventBusConsumer consumer) {
        return new EventExchanges() {
            @Override
            public Exchange create(Envelope envelope, String source, Delivery delivery, int deliveryCount) {
                Exchange exchange = consumer.createExchange(false);
                exchange.getMessage().setBody(envelope.payload());
                return exchange;
            }

            @Override
            public void release(Exchange exchange) {
                consumer.releaseExchange(exchange, false);
            }

            @Override
            public AsyncProcessor processor() {
                return consumer.getAsyncProcessor();
            }
        };
    }

    private static Publisher refusingPublisher() {
        return new Publisher() {
            @Override
            public CompletableFuture<Void> publish(List<OutboundRecord> records) {
                return CompletableFuture.failedFuture(new IllegalStateException("dead-letter topic not authorized"));
            }

            @Override
            public CompletableFuture<Void> publish(List<OutboundRecord> records, long deadlineNanos) {
                return publish(records);
            }
        };
    }
}
