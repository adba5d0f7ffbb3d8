package dev.eventbus.camel.transport.nats;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.TestThreadPools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The poll loop and the permits of {@link NatsSubscription} when the handler, an ack or an in-progress ack throws. */
class NatsSubscriptionTest {

    private final InFlightLimit limit = new InFlightLimit(10);
    private final List<Delivery> handedOut = new CopyOnWriteArrayList<>();
    private final AtomicInteger handlerFailures = new AtomicInteger();
    private NatsSubscription subscription;

    private NatsSubscription subscription(long ackWaitMillis, DeliveryHandler handler) {
        NatsSettings settings = new NatsSettings("nats://127.0.0.1:1", null, "t", null, 0, null, true, 120_000,
                "limits", 0, 1, ackWaitMillis, 1000, 10_000, 10_000);
        subscription = new NatsSubscription(null, settings, "S", new SubscriptionSpec("t", "g", limit), handler,
                new TestThreadPools());
        subscription.startPolling();
        return subscription;
    }

    @AfterEach
    void close() {
        if (subscription != null) {
            subscription.close();
        }
    }

    @Test
    void aThrowingHandlerNeitherEndsThePollLoopNorLeaksPermits() {
        NatsSubscription sub = subscription(30_000, delivery -> {
            if (handlerFailures.getAndIncrement() == 0) {
                throw new IllegalStateException("handler bug");
            }
            handedOut.add(delivery);
        });
        FakeJetStreamMessage firstMessage = new FakeJetStreamMessage(1, 1, 1, "a");
        NatsDelivery first = new NatsDelivery(sub, firstMessage, "t", 0);
        sub.onMessage(first);
        await().atMost(Duration.ofSeconds(5)).until(() -> handlerFailures.get() > 0);
        NatsDelivery second = FakeJetStreamMessage.delivery(sub, 2, 2, 1);
        sub.onMessage(second);
        await().atMost(Duration.ofSeconds(5)).until(() -> handedOut.contains(second));
        handedOut.forEach(Delivery::complete);
        assertEquals(0, limit.inFlight(), "permits leaked");
        assertEquals(1, sub.pollFailures());
        assertEquals(1, firstMessage.naks.get(), "the failed hand-over was not given back");
    }

    @Test
    void anAckThatThrowsReleasesItsPermitOnce() {
        NatsSubscription sub = subscription(30_000, handedOut::add);
        FakeJetStreamMessage message = new FakeJetStreamMessage(1, 1, 1, "a");
        message.ackFailure = new IllegalStateException("Connection is Closed");
        NatsDelivery delivery = new NatsDelivery(sub, message, "t", 0);
        sub.onMessage(delivery);
        await().atMost(Duration.ofSeconds(5)).until(() -> handedOut.size() == 1);
        assertEquals(1, limit.inFlight());
        try {
            delivery.complete();
        } catch (RuntimeException ignored) {
            // the fix swallows it; before the fix it escaped, which is fine for this test
        }
        delivery.complete();
        assertEquals(0, limit.inFlight(), "the permit of a failed ack was not released");
        assertEquals(1, sub.completionFailures());
    }

    @Test
    void anInProgressAckThatThrowsDoesNotEndThePollLoop() {
        NatsSubscription sub = subscription(300, handedOut::add);
        FakeJetStreamMessage message = new FakeJetStreamMessage(1, 1, 1, "a");
        message.inProgressFailure = new IllegalStateException("Connection is Closed");
        sub.onMessage(new NatsDelivery(sub, message, "t", 0));
        await().atMost(Duration.ofSeconds(5)).until(() -> handedOut.size() == 1);
        // keep-alives run every 100 ms: give the failing one time to happen
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> true);
        NatsDelivery next = FakeJetStreamMessage.delivery(sub, 2, 2, 1);
        sub.onMessage(next);
        await().atMost(Duration.ofSeconds(5)).until(() -> handedOut.contains(next));
        handedOut.forEach(Delivery::complete);
        assertEquals(0, limit.inFlight());
        assertEquals(0, message.inProgress.get());
        assertTrue(sub.completionFailures() > 0);
    }
}
