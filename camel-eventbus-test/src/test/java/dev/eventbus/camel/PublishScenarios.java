package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventbus.camel.transport.PublishException;
import dev.eventbus.camel.transport.WireHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Producer scenarios that the Kafka and NATS integration tests run against their real broker. */
final class PublishScenarios {

    /** How long the slow route step sleeps; the sleep itself is what the test is about. */
    static final long SLOW_STEP_MILLIS = 3000;

    private PublishScenarios() {
    }

    static Map<String, Object> event(String aggregateId, long version) {
        return Map.of(EventBusConstants.AGGREGATE_ID, aggregateId, EventBusConstants.EVENT_TYPE, "T",
                EventBusConstants.EVENT_VERSION, version);
    }

    /**
     * Runs 20 exchanges through {@code to(uri)} from this thread and asserts that the step after it ran on an
     * {@code eventbus-worker-*} thread, or (when the publish had completed before the producer looked) on this thread:
     * never on a broker client thread.
     */
    static void assertRouteContinuesOnAWorkerThread(CamelContext camel, ProducerTemplate template, String uri)
            throws Exception {
        assertRouteContinuesOn(camel, template, uri, "eventbus-worker-");
    }

    /** As {@link #assertRouteContinuesOnAWorkerThread}, for worker threads whose name contains {@code workerName}. */
    static void assertRouteContinuesOn(CamelContext camel, ProducerTemplate template, String uri, String workerName)
            throws Exception {
        String from = "direct:thread-" + UUID.randomUUID();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(uri).process(e -> e.getMessage().setHeader("thread", Thread.currentThread().getName()));
            }
        });
        Set<String> threads = new java.util.TreeSet<>();
        for (int i = 1; i <= 20; i++) {
            long version = i;
            Exchange done = template.request(from, e -> {
                e.getMessage().setBody("{\"n\":1}");
                e.getMessage().setHeaders(new HashMap<>(event("thread-1", version)));
            });
            assertTrue(done.getException() == null, String.valueOf(done.getException()));
            threads.add(done.getMessage().getHeader("thread", String.class));
        }
        String caller = Thread.currentThread().getName();
        assertTrue(threads.stream().allMatch(t -> t.contains(workerName) || t.equals(caller)),
                "the step after to(eventbus:) ran on " + threads);
        assertTrue(threads.stream().anyMatch(t -> t.contains(workerName)),
                "the step after to(eventbus:) never ran on a " + workerName + " thread: " + threads);
    }

    /**
     * A route whose step after {@code to(uri)} sleeps; while it sleeps, five publishes from another thread must
     * complete within half of it.
     */
    static void assertASleepingStepDelaysNoOtherPublish(CamelContext camel, ProducerTemplate template, String uri)
            throws Exception {
        String from = "direct:slow-" + UUID.randomUUID();
        AtomicBoolean sleeping = new AtomicBoolean();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).to(uri).process(e -> {
                    sleeping.set(true);
                    Thread.sleep(SLOW_STEP_MILLIS);
                });
            }
        });
        template.sendBodyAndHeaders(uri, "{\"warm\":true}", event("warm-up", 1));
        // a batch: its acknowledgement comes after the producer looked (a lone event may be acked before that, and
        // the route would then continue on the sending thread whatever the fix)
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add("{\"slow\":" + i + "}");
        }
        CompletableFuture<Exchange> slow = template.asyncSend(from, e -> {
            e.getMessage().setBody(batch);
            e.getMessage().setHeaders(new HashMap<>(event("slow-1", 1)));
        });
        await().atMost(20, TimeUnit.SECONDS).untilTrue(sleeping);
        long start = System.nanoTime();
        for (int i = 1; i <= 5; i++) {
            template.sendBodyAndHeaders(uri, "{\"n\":" + i + "}", event("other-1", i));
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        boolean slowEnded = slow.isDone();
        slow.get(20, TimeUnit.SECONDS);
        System.out.println("5 publishes took " + tookMillis + " ms while another route's step slept");
        assertTrue(tookMillis < SLOW_STEP_MILLIS / 2,
                "5 publishes took " + tookMillis + " ms while another route's step slept " + SLOW_STEP_MILLIS + " ms");
        assertFalse(slowEnded,
                "the slow step had ended before the other publishes completed: the test measured nothing");
    }

    /**
     * Publishes a batch of 5 events of one aggregate to a {@code publishTimeout=2000} endpoint whose broker is gone;
     * asserts that it fails, for every event, within the 2 s plus a margin (not 5 times 2 s), and that the route's
     * error handling runs on a worker or the calling thread (not on a broker client thread or the NATS watchdog, which
     * is what fails a PubAck that never comes).
     */
    static void assertABatchOf5FailsWithinThePublishTimeoutOf2s(CamelContext camel, String uri) throws Exception {
        String from = "direct:batch-" + UUID.randomUUID();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).doTry().to(uri)
                        .doCatch(Exception.class)
                        .process(e -> e.getMessage().setHeader("thread", Thread.currentThread().getName()))
                        .end();
            }
        });
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add("{\"n\":" + i + "}");
        }
        long start = System.nanoTime();
        Exchange done = camel.createProducerTemplate().request(from, e -> {
            e.getMessage().setBody(batch);
            e.getMessage().setHeaders(new HashMap<>(event("batch-1", 1)));
        });
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        PublishException failed = assertInstanceOf(PublishException.class,
                done.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        assertEquals(5, failed.failures().size(), failed.getMessage());
        System.out.println(
                "a batch of 5 with the broker gone failed after " + tookMillis + " ms: " + failed.getMessage());
        assertTrue(tookMillis < 3500, "a batch of 5 with publishTimeout=2000 failed only after " + tookMillis + " ms");
        String thread = done.getMessage().getHeader("thread", String.class);
        assertTrue(thread.startsWith("eventbus-worker-") || thread.equals(Thread.currentThread().getName()),
                "the failed publish continued on " + thread);
    }

    /**
     * Publishes three events of one aggregate in one exchange, the second of which {@code tooLarge} makes the broker
     * refuse; asserts the exchange failed for the second and third event.
     */
    static PublishException publishWithARefusedMiddleEvent(ProducerTemplate template, String uri, String tooLarge) {
        List<String> batch = List.of("{\"n\":1}", tooLarge, "{\"n\":3}");
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.sendBodyAndHeaders(uri, batch, event("hole-1", 1)));
        PublishException failed = assertInstanceOf(PublishException.class, e.getCause());
        assertEquals(Set.of(1, 2), failed.failures().keySet(), failed.getMessage());
        return failed;
    }

    /** A JSON payload of about {@code bytes} bytes that does not compress. */
    static String incompressiblePayload(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 16).append("{\"blob\":\"");
        while (text.length() < bytes) {
            text.append(UUID.randomUUID());
        }
        return text.append("\"}").toString();
    }

    /** Exchange headers a route may carry that must never reach the wire. */
    static Map<String, Object> camelAndUserHeaders() {
        Map<String, Object> headers = new HashMap<>(event("headers-1", 1));
        headers.put("CamelHttpUri", "http://internal/secret");
        headers.put("camelFoo", "foo");
        headers.put("CAMELBAR", "bar");
        headers.put("org.apache.camel.x", "x");
        headers.put("X-User-Header", "user");
        headers.put("tenant", "acme");
        return headers;
    }

    /** Asserts that a wire record carries only the envelope's wire headers (plus {@code allowed}). */
    static void assertOnlyWireHeaders(Set<String> onTheWire, String... allowed) {
        Set<String> expected = new java.util.HashSet<>(Set.of(WireHeaders.EVENT_ID, WireHeaders.AGGREGATE_ID,
                WireHeaders.EVENT_VERSION, WireHeaders.EVENT_TYPE));
        expected.addAll(List.of(allowed));
        assertEquals(expected, onTheWire, "headers on the wire");
    }
}
