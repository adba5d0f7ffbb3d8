package dev.eventbus.camel.transport.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventbus.camel.test.nats.NatsTestServer;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.SharedClients;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.TestThreadPools;
import dev.eventbus.camel.transport.WireHeaders;
import io.nats.client.Connection;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What keeps a durable's messages in order on a real nats-server ({@link PartitionGate}): a message lost in transit
 * is not overtaken, members competing on one durable do not stall each other, and left-overs acked by their holder do
 * not stall the next member.
 */
class NatsPartitionGateIT {

    private final String topic = "lost" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /**
     * A message the server delivered but this member never received (dropped on receipt by the test seam, as if lost
     * in transit) comes back after AckWait; the messages after it on the durable must not be handed out before it, or
     * a consumer that does not know the aggregate yet would process A v2 first and skip A v1 as a duplicate.
     */
    @Test
    void laterMessagesWaitForTheRedeliveryOfOneLostInTransit() throws Exception {
        NatsSettings settings = new NatsSettings(NatsTestServer.url(), null, topic, null, 0, null, true, 120_000,
                "limits", 0, 1, 1000, 1000, 10_000, 10_000);
        List<Long> handedOut = new CopyOnWriteArrayList<>();
        AtomicBoolean dropped = new AtomicBoolean();
        try (SharedClients clients = new SharedClients()) {
            NatsTransport transport = new NatsTransport(settings, clients, new TestThreadPools());
            transport.prepare(topic);
            try (Connection plain = Nats.connect(NatsTestServer.url())) {
                for (String aggregate : List.of("A", "A", "B", "A")) {
                    plain.jetStream().publish(topic, new Headers().put(WireHeaders.AGGREGATE_ID, aggregate),
                            "{}".getBytes(StandardCharsets.UTF_8));
                }
            }
            NatsSubscription subscription = (NatsSubscription) transport.subscribe(
                    new SubscriptionSpec(topic, "g", new InFlightLimit(100)), delivery -> {
                        handedOut.add(delivery.offset());
                        delivery.complete();
                    });
            // the first delivery of A v1 (stream sequence 1) is lost
            subscription.dropOnReceipt = delivery -> delivery.offset() == 1 && dropped.compareAndSet(false, true);
            subscription.start();
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> handedOut.size() >= 4);
            } finally {
                subscription.close();
                transport.close();
            }
        }
        // AckWait is 1 s here: on a loaded machine an ack can miss it and a message is handed out again afterwards;
        // that is at-least-once, not an overtaking, so only the first four hand-outs carry the order
        assertEquals(List.of(1L, 2L, 3L, 4L), handedOut.subList(0, 4), "a message overtook the one lost in transit");
        assertEquals(Set.of(1L, 2L, 3L, 4L), Set.copyOf(handedOut), "only the four messages are handed out");
    }

    /**
     * Two members competing on one durable (no partitions) see gaps in the consumer sequences all the time: the other
     * member took those messages and acks them, they are never redelivered here. The gaps must close when the
     * durable's ack floor passes them, not stall the member for 2 x AckWait.
     */
    @Test
    void competingMembersOnOneDurableDoNotStallEachOther() throws Exception {
        NatsSettings settings = new NatsSettings(NatsTestServer.url(), null, topic, null, 0, null, true, 120_000,
                "limits", 0, 1, 30_000, 1000, 10_000, 10_000);
        int count = 2000;
        Set<Long> handedOut = ConcurrentHashMap.newKeySet();
        List<Integer> byMember = new CopyOnWriteArrayList<>(List.of(0, 0));
        try (SharedClients clients = new SharedClients()) {
            NatsTransport transport = new NatsTransport(settings, clients, new TestThreadPools());
            transport.prepare(topic);
            List<Subscription> members = new ArrayList<>();
            for (int m = 0; m < 2; m++) {
                int member = m;
                Subscription subscription = transport.subscribe(new SubscriptionSpec(topic, "g", new InFlightLimit(50)),
                        delivery -> {
                            handedOut.add(delivery.offset());
                            byMember.set(member, byMember.get(member) + 1);
                            delivery.complete();
                        });
                subscription.start();
                members.add(subscription);
            }
            try (Connection plain = Nats.connect(NatsTestServer.url())) {
                for (int i = 0; i < count; i++) {
                    plain.jetStream().publishAsync(topic, new Headers().put(WireHeaders.AGGREGATE_ID, "a" + i % 10),
                            "{}".getBytes(StandardCharsets.UTF_8));
                }
                plain.flush(Duration.ofSeconds(5));
            }
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> handedOut.size() == count);
            } finally {
                members.forEach(Subscription::close);
                transport.close();
            }
        }
        System.out.println("competing members handed out " + byMember);
    }

    /**
     * A member that binds while another one still holds unacked messages of the durable (an overlapping hand-over)
     * keeps everything back until they are in; when the other member acks them instead, they never come back: the
     * new member must go on once the durable's ack floor passes them, not after 2 x AckWait.
     */
    @Test
    void leftOversAckedByTheirHolderDoNotStallTheNextMember() throws Exception {
        NatsSettings settings = new NatsSettings(NatsTestServer.url(), null, topic, null, 0, null, true, 120_000,
                "limits", 0, 1, 30_000, 1000, 10_000, 10_000);
        List<Long> handedOut = new CopyOnWriteArrayList<>();
        try (SharedClients clients = new SharedClients(); Connection plain = Nats.connect(NatsTestServer.url())) {
            NatsTransport transport = new NatsTransport(settings, clients, new TestThreadPools());
            transport.prepare(topic);
            String stream = transport.streamOf(topic);
            plain.jetStreamManagement().addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable("g")
                    .filterSubject(topic).ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All)
                    .ackWait(Duration.ofMillis(30_000)).maxAckPending(100).maxDeliver(-1).build());
            publish(plain, 5);
            List<Message> held = new ArrayList<>();
            try (FetchConsumer previous = plain.getConsumerContext(stream, "g").fetchMessages(5)) {
                for (Message m = previous.nextMessage(); m != null; m = previous.nextMessage()) {
                    held.add(m);
                }
            }
            assertEquals(5, held.size());
            Subscription next = transport.subscribe(new SubscriptionSpec(topic, "g", new InFlightLimit(100)),
                    delivery -> {
                        handedOut.add(delivery.offset());
                        delivery.complete();
                    });
            next.start();
            try {
                held.forEach(Message::ack); // the previous member finishes its messages after all
                plain.flush(Duration.ofSeconds(5));
                publish(plain, 5);
                await().atMost(Duration.ofSeconds(10)).until(() -> handedOut.size() == 5);
            } finally {
                next.close();
                transport.close();
            }
        }
        assertEquals(List.of(6L, 7L, 8L, 9L, 10L), handedOut);
    }

    private void publish(Connection plain, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            plain.jetStream().publish(topic, new Headers().put(WireHeaders.AGGREGATE_ID, "a"),
                    "{}".getBytes(StandardCharsets.UTF_8));
        }
    }
}
