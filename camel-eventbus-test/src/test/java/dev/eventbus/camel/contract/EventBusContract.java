package dev.eventbus.camel.contract;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.eventbus.camel.EventBusComponent;
import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.EventBusConsumer;
import dev.eventbus.camel.RawRecords;
import dev.eventbus.camel.consumer.DeadLetterHeaders;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.test.deadletter.DeadLetter;
import dev.eventbus.camel.testsupport.Events;
import dev.eventbus.camel.testsupport.OrderChecker;
import dev.eventbus.camel.testsupport.ThreadCensus;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The behaviour every transport shares, written once: a concrete class per transport names how its component is
 * configured, how dead letters are read back, how "settled" is checked and which client threads it starts. Each test
 * starts its own route on a topic of its own.
 *
 * <p>
 * Scenarios: every header round trip; the W3C trace context round trip; per-aggregate order with concurrency and an asynchronous route step, with
 * duplicates injected; duplicates skipped; a failing event dead-lettered after maxDeliveries and an undecodable record dead-lettered at
 * once, the flow going on; backpressure (in-flight bounded, nothing dropped; a producer that waits for room and
 * fails after publishTimeout where the transport has a bound, {@link #producerWaitsForRoom()}); stop with no thread
 * left.
 */
public abstract class EventBusContract extends CamelTestSupport {

    /** Aggregates and versions of the ordering scenario. */
    protected static final int AGGREGATES = 200;
    protected static final int VERSIONS = 50;

    /** A topic of this test: lower-case letters and digits, a valid Kafka topic and NATS subject token. */
    protected final String topic = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private ThreadCensus census;

    /** Points the context's {@code eventbus} component at the transport under test. */
    protected abstract void configureTransport(EventBusComponent component);

    /** Names of the threads of the transport's client library, which must end with the context. */
    protected abstract Predicate<String> clientThreads();

    /** The first {@code count} records of {@code deadLetterTopic}, read back past the component. */
    protected abstract List<DeadLetter> deadLetters(String deadLetterTopic, int count);

    /** Asserts (waiting a little) that {@code group} settled every record of {@code topicName}: none is to come again. */
    protected abstract void assertSettled(String topicName, String group) throws Exception;

    /** The offset of a partition's first record (0 on memory and Kafka; NATS stream sequences start at 1). */
    protected long firstOffset() {
        return 0;
    }

    /** Options that put a topic on one partition, so that partition and offset numbers are known. */
    protected String onePartition() {
        return "partitions=1";
    }

    /**
     * How far below maxInFlight the peak may stay when a slow route saturates the consumer (Kafka pauses and resumes
     * whole partitions between polls, so the last few permits may stay unused).
     */
    protected int inFlightSlack() {
        return 0;
    }

    /** Options of the ordering and backpressure consumers that spread a topic over partitions ("" for the default). */
    protected String partitioned() {
        return "partitions=4";
    }

    /**
     * Whether a producer waits for room in a full topic and fails after publishTimeout instead of dropping (the memory
     * transport's capacity). A broker stores what it accepts, so there is no room to wait for: false.
     */
    protected boolean producerWaitsForRoom() {
        return false;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        census = ThreadCensus.taken(clientThreads());
        CamelContext camel = super.createCamelContext();
        configureTransport(camel.getComponent("eventbus", EventBusComponent.class));
        return camel;
    }

    /** {@code eventbus:<topicName>?groupId=<group>&<options>}. */
    protected static String consumer(String topicName, String group, String options) {
        String uri = "eventbus:" + topicName + "?groupId=" + group + (options.isEmpty() ? "" : "&" + options);
        return uri.endsWith("&") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Starts route {@code routeId} from {@code uri} with the steps {@code steps} adds. */
    protected void route(String routeId, String uri, Consumer<RouteDefinition> steps) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                steps.accept(from(uri).routeId(routeId));
            }
        });
    }

    protected EventBusConsumer consumerOf(String routeId) {
        return (EventBusConsumer) context.getRoute(routeId).getConsumer();
    }

    protected String producer() {
        return "eventbus:" + topic;
    }

    @Test
    void everyHeaderRoundTrips() throws Exception {
        route("headers", consumer(topic, "headers", onePartition()), r -> r.to("mock:headers"));
        Instant when = Instant.parse("2024-05-01T10:00:00.123456789Z");
        Map<String, Object> headers = new HashMap<>(Events.headers("order-1", "OrderPlaced", 1));
        headers.put(EventBusConstants.EVENT_ID, "0193a5f0-0000-7000-8000-000000000001");
        headers.put(EventBusConstants.TIMESTAMP, when);
        headers.put(EventBusConstants.TRACE_ID, "trace-1");
        headers.put(EventBusConstants.CORRELATION_ID, "corr-1");
        headers.put(EventBusConstants.TENANT_ID, 7);
        MockEndpoint mock = getMockEndpoint("mock:headers");
        mock.expectedBodiesReceived("{\"sku\":\"A1\",\"qty\":2}");
        mock.expectedHeaderReceived(EventBusConstants.EVENT_ID, "0193a5f0-0000-7000-8000-000000000001");
        mock.expectedHeaderReceived(EventBusConstants.AGGREGATE_ID, "order-1");
        mock.expectedHeaderReceived(EventBusConstants.EVENT_TYPE, "OrderPlaced");
        mock.expectedHeaderReceived(EventBusConstants.EVENT_VERSION, 1L);
        mock.expectedHeaderReceived(EventBusConstants.TIMESTAMP, when);
        mock.expectedHeaderReceived(EventBusConstants.TRACE_ID, "trace-1");
        mock.expectedHeaderReceived(EventBusConstants.CORRELATION_ID, "corr-1");
        mock.expectedHeaderReceived(EventBusConstants.TENANT_ID, 7L);
        mock.expectedHeaderReceived(EventBusConstants.TOPIC, topic);
        mock.expectedHeaderReceived(EventBusConstants.DELIVERY_COUNT, 1);

        Exchange sent = template.send(producer(), e -> {
            e.getMessage().setBody("{\"sku\":\"A1\",\"qty\":2}");
            e.getMessage().setHeaders(headers);
        });

        mock.assertIsSatisfied(20_000);
        assertEquals("0193a5f0-0000-7000-8000-000000000001",
                sent.getMessage().getHeader(EventBusConstants.PUBLISHED_EVENT_ID));
        Message in = mock.getReceivedExchanges().get(0).getMessage();
        assertEquals(0, in.getHeader(EventBusConstants.PARTITION, Integer.class), in.getHeaders().toString());
        assertEquals(firstOffset(), in.getHeader(EventBusConstants.OFFSET, Long.class), in.getHeaders().toString());
    }

    /**
     * W3C trace context: {@code traceparent}, {@code tracestate} and {@code baggage}, set in any letter case, arrive as
     * exactly those Camel headers and fill the trace id of an event without one; a malformed traceparent is dropped
     * with its tracestate, the baggage still travels.
     */
    @Test
    void theTraceContextRoundTripsUnderLowercaseNamesAndAMalformedTraceparentIsDropped() throws Exception {
        route("trace", consumer(topic, "trace", onePartition()), r -> r.to("mock:trace"));
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        MockEndpoint mock = getMockEndpoint("mock:trace");
        mock.expectedMessageCount(2);
        for (int version = 1; version <= 2; version++) {
            Map<String, Object> headers = new HashMap<>(Events.headers("order-1", "OrderPlaced", version));
            headers.put("TraceParent", version == 1 ? traceparent : traceparent.toUpperCase());
            headers.put("TRACESTATE", "rojo=00f067aa0ba902b7");
            headers.put("Baggage", "tenant=acme");
            template.sendBodyAndHeaders(producer(), "{}", headers);
        }
        mock.assertIsSatisfied(20_000);
        Message valid = mock.getReceivedExchanges().get(0).getMessage();
        assertTrue(valid.getHeaders().keySet().containsAll(List.of("traceparent", "tracestate", "baggage")),
                valid.getHeaders().keySet().toString());
        assertEquals(traceparent, valid.getHeader("traceparent"));
        assertEquals("rojo=00f067aa0ba902b7", valid.getHeader("tracestate"));
        assertEquals("tenant=acme", valid.getHeader("baggage"));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", valid.getHeader(EventBusConstants.TRACE_ID));
        Message malformed = mock.getReceivedExchanges().get(1).getMessage();
        assertEquals(null, malformed.getHeader("traceparent"));
        assertEquals(null, malformed.getHeader("tracestate"));
        assertEquals("tenant=acme", malformed.getHeader("baggage"));
        assertEquals(null, malformed.getHeader(EventBusConstants.TRACE_ID));
    }

    @Test
    void eachAggregateIsProcessedInOrderUnderConcurrencyWithAnAsynchronousStep() throws Exception {
        OrderChecker checker = new OrderChecker();
        route("ordered", consumer(topic, "ordered", "concurrency=16&maxInFlight=500&" + partitioned()),
                checker::checkedAsyncStep);
        int total = AGGREGATES * VERSIONS;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("ordered").whenCompleted(total).create();
        List<Envelope> batch = new ArrayList<>();
        List<Envelope> sentEarlier = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            for (int a = 0; a < AGGREGATES; a++) {
                Envelope event = Events.envelope("order-" + a, "LineAdded", v, "{\"line\":" + v + "}");
                batch.add(event);
                if (v == 10 && a % 10 == 0) {
                    sentEarlier.add(event);
                }
                if (batch.size() == 500) {
                    template.sendBody(producer(), batch);
                    batch = new ArrayList<>();
                }
            }
            if (v == 30) {
                // copies of version 10 of every tenth aggregate, as a retrying producer writes them (past the component,
                // so no broker-side de-duplication applies), while the stream is being consumed
                EnvelopeCodec codec = new EnvelopeCodec();
                sentEarlier.forEach(e -> RawRecords.publish(context, topic, e.aggregateId(), codec.encode(e)));
            }
        }

        assertTrue(done.matches(60, TimeUnit.SECONDS),
                "only " + checker.completed.get() + " of " + total + " completed");
        EventBusConsumer consumer = consumerOf("ordered");
        // NotifyBuilder saw the exchanges complete; the route's last step counted them too unless one was lost
        await().atMost(10, TimeUnit.SECONDS).failFast(() -> checker.completed.get() > total)
                .untilAsserted(
                        () -> assertEquals(total, checker.completed.get(), () -> "stats " + consumer.getStats()));
        assertEquals(0, checker.violations.get(), "order violations");
        assertEquals(0, checker.overlaps.get(), "events of one aggregate processed at the same time");
        for (int a = 0; a < AGGREGATES; a++) {
            assertEquals(VERSIONS, checker.lastVersion("order-" + a), "order-" + a);
        }
        // the lane counts an event after its exchange completed, a moment after NotifyBuilder saw it complete
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertEquals(total, consumer.getStats().processed()));
        assertEquals(sentEarlier.size(), consumer.getStats().duplicatesSkipped(), () -> consumer.getStats().toString());
        assertTrue(consumer.getPeakInFlight() <= 500, "peak in flight " + consumer.getPeakInFlight());
        assertSettled(topic, "ordered");
    }

    @Test
    void theSameVersionDeliveredTwiceIsProcessedOnce() throws Exception {
        route("dedup", consumer(topic, "dedup", ""), r -> r.to("mock:dedup"));
        MockEndpoint mock = getMockEndpoint("mock:dedup");
        mock.expectedBodiesReceived("{\"v\":1}", "{\"v\":2}", "{\"v\":3}");
        Envelope second = Events.envelope("order-7", "LineAdded", 2, "{\"v\":2}").toBuilder().eventId("evt-2").build();

        template.sendBody(producer(), Events.envelope("order-7", "LineAdded", 1, "{\"v\":1}"));
        template.sendBody(producer(), second);
        // a retrying producer's copy, written past the component (so no broker-side de-duplication applies)
        RawRecords.publish(context, topic, "order-7", new EnvelopeCodec().encode(second));
        template.sendBody(producer(), Events.envelope("order-7", "LineAdded", 3, "{\"v\":3}"));

        mock.assertIsSatisfied(20_000);
        EventBusConsumer consumer = consumerOf("dedup");
        await().atMost(10, TimeUnit.SECONDS)
                .untilAsserted(() -> assertEquals(1, consumer.getStats().duplicatesSkipped(),
                        () -> consumer.getStats().toString()));
        assertEquals(3, mock.getReceivedCounter());
        assertEquals(0, consumer.getStats().staleSkipped());
        assertSettled(topic, "dedup");
    }

    @Test
    void anEventThatKeepsFailingIsDeadLetteredAfterMaxDeliveriesAndItsAggregateMovesOn() throws Exception {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        route("payments", consumer(topic, "payments", "maxDeliveries=3&redeliveryDelay=10&" + onePartition()),
                r -> r.process(e -> {
                    String id = e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class);
                    int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    String body = e.getMessage().getBody(String.class);
                    if (body.contains("always-fails") || body.contains("fails-twice") && attempt <= 2) {
                        throw new IllegalStateException("payment service refused " + id);
                    }
                }).to("mock:payments"));
        MockEndpoint mock = getMockEndpoint("mock:payments");
        mock.expectedBodiesReceived("{\"n\":\"fails-twice\"}", "{\"n\":3}");
        mock.expectedHeaderValuesReceivedInAnyOrder(EventBusConstants.DELIVERY_COUNT, 3, 1);

        template.sendBodyAndHeaders(producer(), "{\"n\":\"fails-twice\"}", Events.headers("p-1", "Paid", 1));
        Map<String, Object> doomed = new HashMap<>(Events.headers("p-1", "Paid", 2));
        doomed.put(EventBusConstants.EVENT_ID, "evt-doomed");
        template.sendBodyAndHeaders(producer(), "{\"n\":\"always-fails\"}", doomed);
        template.sendBodyAndHeaders(producer(), "{\"n\":3}", Events.headers("p-1", "Paid", 3));

        mock.assertIsSatisfied(20_000);
        DeadLetter dead = deadLetters(topic + ".dlq", 1).get(0);
        assertEquals("failed 3 times: java.lang.IllegalStateException: payment service refused evt-doomed",
                dead.reason());
        assertEquals(3, dead.deliveryCount());
        assertEquals("java.lang.IllegalStateException", dead.exceptionClass());
        assertEquals(topic, dead.originalTopic());
        assertEquals("0", dead.headers().get(DeadLetterHeaders.ORIGINAL_PARTITION));
        assertEquals(Long.toString(firstOffset() + 1), dead.headers().get(DeadLetterHeaders.ORIGINAL_OFFSET));
        assertEquals("payments", dead.headers().get(DeadLetterHeaders.GROUP_ID));
        assertTrue(dead.valueAsString().contains("\"event_id\":\"evt-doomed\""), dead.valueAsString());
        assertEquals(3, attempts.get("evt-doomed").get(), "delivered maxDeliveries times");
        EventBusConsumer consumer = consumerOf("payments");
        await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLettered() == 1);
        assertEquals(4, consumer.getStats().redeliveries(), "two retries of each failing event");
        assertEquals(2, consumer.getStats().processed());
        assertSettled(topic, "payments");
    }

    @Test
    void anUndecodableRecordIsDeadLetteredWithItsBytesAndTheFlowGoesOn() throws Exception {
        route("intake", consumer(topic, "intake", onePartition()), r -> r.to("mock:intake"));
        MockEndpoint mock = getMockEndpoint("mock:intake");
        mock.expectedBodiesReceived("{\"n\":1}", "{\"n\":2}");
        byte[] garbage = "{\"event_id\":\"e1\",\"aggregate_id\":".getBytes(StandardCharsets.UTF_8);

        template.sendBodyAndHeaders(producer(), "{\"n\":1}", Events.headers("p-2", "Paid", 1));
        RawRecords.publish(context, topic, "p-2", garbage);
        template.sendBodyAndHeaders(producer(), "{\"n\":2}", Events.headers("p-2", "Paid", 2));

        mock.assertIsSatisfied(20_000);
        DeadLetter dead = deadLetters(topic + ".dlq", 1).get(0);
        assertArrayEquals(garbage, dead.value());
        assertTrue(dead.reason().startsWith("undecodable: Invalid envelope: envelope is not valid JSON"),
                dead.reason());
        assertEquals(topic, dead.originalTopic());
        assertEquals("0", dead.headers().get(DeadLetterHeaders.ORIGINAL_PARTITION));
        assertEquals(Long.toString(firstOffset() + 1), dead.headers().get(DeadLetterHeaders.ORIGINAL_OFFSET));
        EventBusConsumer consumer = consumerOf("intake");
        await().atMost(10, TimeUnit.SECONDS).until(() -> consumer.getStats().deadLettered() == 1);
        assertSettled(topic, "intake");
    }

    @Test
    void aSlowRouteKeepsInFlightAtTheBoundAndLosesNothing() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        route("slow", consumer(topic, "slow", "maxInFlight=50&concurrency=4&" + partitioned()),
                r -> r.delay(1).syncDelayed()
                        .process(e -> seen.add(e.getMessage().getHeader(EventBusConstants.EVENT_ID, String.class))));
        int total = 1000;
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("slow").whenCompleted(total).create();
        List<Envelope> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            batch.add(Events.envelope("s-" + (i % 50), "Tick", i / 50 + 1, "{}"));
            if (batch.size() == 100) {
                template.sendBody(producer(), batch);
                batch = new ArrayList<>();
            }
        }
        assertTrue(done.matches(60, TimeUnit.SECONDS), "only " + seen.size() + " of " + total);
        EventBusConsumer consumer = consumerOf("slow");
        assertEquals(total, seen.size());
        int peak = consumer.getPeakInFlight();
        assertTrue(peak <= 50 && peak >= 50 - inFlightSlack(),
                "the bound was reached and kept: peak in flight " + peak);
        assertSettled(topic, "slow");
    }

    @Test
    void theSubscriptionStatusShowsItsStateConnectionPartitionsAndLagDrainingToZero() throws Exception {
        route("status", consumer(topic, "status", onePartition()), r -> r.to("mock:status"));
        getMockEndpoint("mock:status").expectedMessageCount(20);
        for (int i = 1; i <= 20; i++) {
            template.sendBody(producer(), Events.envelope("st-1", "Tick", i, "{}"));
        }
        MockEndpoint.assertIsSatisfied(context);
        EventBusConsumer consumer = consumerOf("status");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            SubscriptionStatus status = consumer.getSubscriptionStatus();
            assertEquals(SubscriptionState.RUNNING, status.state());
            assertTrue(status.connected(), status.toString());
            assertEquals(1, status.partitions().size(), status.toString());
            assertEquals(0, status.partitions().get(0).partition());
            assertEquals(0, status.lag(), "every record was fetched: " + status);
            assertEquals(0, status.unassignedSinceMillis());
            assertFalse(status.servers().contains("password"), status.servers());
        });
        context.getRouteController().suspendRoute("status");
        assertTrue(consumer.getSubscriptionStatus().state() == SubscriptionState.PAUSED
                || consumer.getSubscriptionStatus().state() == SubscriptionState.CREATED,
                "suspended: " + consumer.getSubscriptionStatus());
        context.getRouteController().stopRoute("status");
        assertEquals(SubscriptionState.CREATED, consumer.getSubscriptionStatus().state(), "stopped: no subscription");
    }

    @Test
    void aProducerWaitsForRoomAndFailsAfterPublishTimeoutInsteadOfDropping() throws Exception {
        assumeTrue(producerWaitsForRoom(), "the broker stores what it accepts: no bound to wait at");
        CountDownLatch release = new CountDownLatch(1);
        route("blocked", consumer(topic, "blocked", "capacity=10&partitions=1&maxInFlight=5"),
                r -> r.process(e -> release.await(20, TimeUnit.SECONDS)).to("mock:blocked"));
        for (int v = 1; v <= 10; v++) {
            template.sendBodyAndHeaders(producer(), "{}", Events.headers("b-1", "Tick", v));
        }
        long start = System.nanoTime();
        CamelExecutionException full = assertThrows(CamelExecutionException.class, () -> template.sendBodyAndHeaders(
                producer() + "?publishTimeout=300", "{}", Events.headers("b-1", "Tick", 11)));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waited >= 300, "the producer waited " + waited + " ms");
        Throwable root = full;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(TimeoutException.class, root, root.toString());

        MockEndpoint mock = getMockEndpoint("mock:blocked");
        mock.expectedMessageCount(11);
        release.countDown();
        template.sendBodyAndHeaders(producer(), "{}", Events.headers("b-1", "Tick", 11));
        mock.assertIsSatisfied(20_000);
        assertSettled(topic, "blocked");
    }

    @Test
    void stoppingTheContextLeavesNoThreadBehind() throws Exception {
        route("stopping", consumer(topic, "stopping", "concurrency=4"), r -> r.to("mock:stopping"));
        MockEndpoint mock = getMockEndpoint("mock:stopping");
        mock.expectedMessageCount(20);
        for (int i = 0; i < 20; i++) {
            template.sendBodyAndHeaders(producer(), "{}", Events.headers("w-" + (i % 4), "Done", i / 4 + 1));
        }
        mock.assertIsSatisfied(20_000);
        Set<String> running = census.alive();
        assertTrue(running.stream().anyMatch(n -> n.startsWith("eventbus-poll-" + topic)), running.toString());
        if (clientThreads() != ThreadCensus.NO_CLIENT) {
            assertTrue(running.stream().anyMatch(clientThreads()), "the client's threads are recognised: " + running);
        }

        context.stop();

        // client libraries end some threads asynchronously right after close() returns
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(Set.of(), census.alive()));
    }
}
