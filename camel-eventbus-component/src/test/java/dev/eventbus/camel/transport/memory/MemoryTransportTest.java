package dev.eventbus.camel.transport.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.PublishException;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.TestThreadPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryTransportTest {

    private final TestThreadPools threads = new TestThreadPools();
    private final MemoryBroker broker = new MemoryBroker();
    private final List<Subscription> subscriptions = new ArrayList<>();

    @AfterEach
    void close() {
        subscriptions.forEach(Subscription::close);
        await().atMost(5, TimeUnit.SECONDS).until(() -> threads.alive() == 0);
    }

    private MemoryTransport transport(int partitions, int capacity, long timeoutMillis) {
        return new MemoryTransport(broker, partitions, capacity, timeoutMillis, threads);
    }

    private static List<OutboundRecord> records(String topic, int count) {
        List<OutboundRecord> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(OutboundRecord.of(topic, "key-" + (i % 17), ("v" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return list;
    }

    private Subscription subscribe(MemoryTransport transport, String topic, String group, int maxInFlight,
            java.util.function.Consumer<Delivery> handler) {
        Subscription s = transport.subscribe(new SubscriptionSpec(topic, group, new InFlightLimit(maxInFlight)),
                handler::accept);
        subscriptions.add(s);
        s.start();
        return s;
    }

    @Test
    void everyGroupGetsEveryRecordInKeyOrder() throws Exception {
        MemoryTransport transport = transport(4, 1000, 1000);
        Map<String, List<String>> byGroup = new ConcurrentHashMap<>();
        for (String group : List.of("billing", "shipping")) {
            subscribe(transport, "orders", group, 100, d -> {
                byGroup.computeIfAbsent(group, g -> new CopyOnWriteArrayList<>())
                        .add(new String(d.value(), StandardCharsets.UTF_8));
                d.complete();
            });
        }
        transport.publisher().publish(records("orders", 500)).get();
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> byGroup.values().stream().mapToInt(List::size).sum() == 1000);
        for (List<String> values : byGroup.values()) {
            assertEquals(500, new HashSet<>(values).size());
            assertKeyOrder(values);
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> broker.retained("orders") == 0);
    }

    @Test
    void recordsPublishedBeforeTheGroupJoinedAreDelivered() throws Exception {
        MemoryTransport transport = transport(2, 1000, 1000);
        transport.publisher().publish(records("early", 50)).get();
        AtomicInteger received = new AtomicInteger();
        subscribe(transport, "early", "late-group", 10, d -> {
            received.incrementAndGet();
            d.complete();
        });
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.get() == 50);
    }

    @Test
    void producerWaitsWhileFullAndFailsNamingTheRecordsAfterTheTimeout() throws Exception {
        MemoryTransport transport = transport(1, 5, 200);
        LinkedBlockingQueue<Delivery> unacked = new LinkedBlockingQueue<>();
        subscribe(transport, "full", "g", 100, unacked::add);
        transport.publisher().publish(records("full", 5)).get();
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> transport.publisher().publish(records("full", 3)).get());
        PublishException publish = assertInstanceOf(PublishException.class, failure.getCause());
        assertEquals(Set.of(0, 1, 2), publish.failures().keySet());
        assertTrue(publish.getMessage().contains("item 0: memory topic 'full' stayed full"), publish.getMessage());
        await().atMost(5, TimeUnit.SECONDS).until(() -> unacked.size() == 5);
        unacked.poll().complete();
        transport.publisher().publish(records("full", 1)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void deliveriesStayWithinTheInFlightLimit() throws Exception {
        MemoryTransport transport = transport(4, 1000, 1000);
        LinkedBlockingQueue<Delivery> unacked = new LinkedBlockingQueue<>();
        InFlightLimit limit = new InFlightLimit(7);
        Subscription s = transport.subscribe(new SubscriptionSpec("bounded", "g", limit), unacked::add);
        subscriptions.add(s);
        s.start();
        transport.publisher().publish(records("bounded", 100)).get();
        int received = 0;
        while (received < 100) {
            Delivery d = unacked.poll(5, TimeUnit.SECONDS);
            assertTrue(d != null, "stalled after " + received);
            assertTrue(limit.inFlight() <= 7);
            d.complete();
            received++;
        }
        assertEquals(7, limit.peak());
    }

    @Test
    void membersOfAGroupShareTheWorkAndHandOverPartitionsOnlyWhenDrained() throws Exception {
        MemoryTransport transport = transport(8, 100_000, 5000);
        Map<String, int[]> busy = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        int[] perMember = new int[2];
        List<LinkedBlockingQueue<Delivery>> queues = List.of(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
        for (int m = 0; m < 2; m++) {
            int member = m;
            if (member == 1) {
                transport.publisher().publish(records("shared", 2000)).get();
                // the first member holds 50 unacked records while the second joins
                await().atMost(5, TimeUnit.SECONDS).until(() -> queues.get(0).size() == 50);
            }
            subscribe(transport, "shared", "g", 50, d -> {
                int[] counts = busy.computeIfAbsent(d.key(), k -> new int[2]);
                synchronized (counts) {
                    counts[member]++;
                    if (counts[1 - member] > 0) {
                        overlaps.incrementAndGet();
                    }
                }
                queues.get(member).add(d);
            });
        }
        int total = 0;
        while (total < 2000) {
            boolean progressed = false;
            for (int member = 0; member < 2; member++) {
                Delivery d = queues.get(member).poll(10, TimeUnit.MILLISECONDS);
                if (d != null) {
                    if (!seen.add(d.topic() + d.partition() + "@" + d.offset())) {
                        duplicates.incrementAndGet();
                    }
                    int[] counts = busy.get(d.key());
                    synchronized (counts) {
                        counts[member]--;
                    }
                    d.complete();
                    total++;
                    perMember[member]++;
                    progressed = true;
                }
            }
            if (!progressed) {
                assertTrue(queues.stream().allMatch(LinkedBlockingQueue::isEmpty));
            }
        }
        assertEquals(0, overlaps.get(), "a key was in flight at two members at once");
        assertEquals(0, duplicates.get());
        assertEquals(2000, seen.size());
        assertEquals(17, busy.size());
        assertTrue(perMember[1] > 0, "the second member never got a partition");
    }

    private static void assertKeyOrder(List<String> values) {
        Map<Integer, Integer> last = new ConcurrentHashMap<>();
        for (String v : values) {
            int i = Integer.parseInt(v.substring(1));
            Integer previous = last.put(i % 17, i);
            assertTrue(previous == null || previous < i, "out of order: " + previous + " then " + i);
        }
    }

    @Test
    void aFailingHandlerDoesNotEndThePollLoopAndLeaksNoPermit() {
        MemoryTransport transport = transport(2, 100, 1000);
        Set<String> received = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        InFlightLimit limit = new InFlightLimit(50);
        Subscription s = transport.subscribe(new SubscriptionSpec("flaky", "g", limit), delivery -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("handler bug");
            }
            received.add(new String(delivery.value(), StandardCharsets.UTF_8));
            delivery.complete();
        });
        subscriptions.add(s);
        s.start();
        transport.publisher().publish(records("flaky", 20)).join();
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() == 20);
        await().atMost(5, TimeUnit.SECONDS).until(() -> limit.inFlight() == 0);
    }

    @Test
    void aTopicNoGroupReadsYetMakesProducersWaitInsteadOfDroppingEvents() {
        MemoryTransport transport = transport(1, 3, 200);
        transport.publisher().publish(records("unread-events", 3)).join();
        ExecutionException full = assertThrows(ExecutionException.class,
                () -> transport.publisher().publish(records("unread-events", 1)).get());
        assertInstanceOf(PublishException.class, full.getCause());
        assertEquals(3, broker.retained("unread-events"), "nothing was dropped");
    }

    @Test
    void deadLettersToATopicNoGroupReadsKeepTheNewestWithoutWaiting() {
        MemoryTransport transport = transport(1, 3, 200);
        for (int i = 0; i < 5; i++) {
            transport.publisher().publish(List.of(new OutboundRecord("t.dlq", "k", new byte[]{(byte) i},
                    Map.of("X-DLQ-Reason", "r")))).join();
        }
        assertEquals(3, broker.retained("t.dlq"));
    }
}
