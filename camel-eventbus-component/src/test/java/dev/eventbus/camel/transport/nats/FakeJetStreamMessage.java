package dev.eventbus.camel.transport.nats;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.transport.WireHeaders;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import io.nats.client.impl.NatsMessage;

/**
 * A JetStream message as a pull consumer receives it (reply subject {@code $JS.ACK.<stream>.<consumer>.<delivered>.
 * <streamSeq>.<consumerSeq>.<ts>.<pending>}), with no connection: acks are counted, and can be made to throw.
 */
final class FakeJetStreamMessage extends NatsMessage {

    final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger inProgress = new AtomicInteger();
    final AtomicInteger naks = new AtomicInteger();
    volatile RuntimeException ackFailure;
    volatile RuntimeException inProgressFailure;

    FakeJetStreamMessage(long streamSeq, long consumerSeq, long delivered, String aggregate) {
        super("t", "$JS.ACK.S.c." + delivered + "." + streamSeq + "." + consumerSeq + ".1700000000000000000.0",
                new Headers().put(WireHeaders.AGGREGATE_ID, aggregate), "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** A delivery of this message to {@code subscription} on partition 0. */
    static NatsDelivery delivery(NatsSubscription subscription, long streamSeq, long consumerSeq, long delivered) {
        return new NatsDelivery(subscription, new FakeJetStreamMessage(streamSeq, consumerSeq, delivered, "a"), "t", 0);
    }

    @Override
    public boolean isJetStream() {
        return true;
    }

    @Override
    public NatsJetStreamMetaData metaData() {
        return new NatsJetStreamMetaData(this);
    }

    @Override
    public void ack() {
        RuntimeException failure = ackFailure;
        if (failure != null) {
            throw failure;
        }
        acks.incrementAndGet();
    }

    @Override
    public void inProgress() {
        RuntimeException failure = inProgressFailure;
        if (failure != null) {
            throw failure;
        }
        inProgress.incrementAndGet();
    }

    @Override
    public void nak() {
        naks.incrementAndGet();
    }

    @Override
    public void nakWithDelay(Duration delay) {
        naks.incrementAndGet();
    }

    @Override
    public void nakWithDelay(long millis) {
        naks.incrementAndGet();
    }
}
