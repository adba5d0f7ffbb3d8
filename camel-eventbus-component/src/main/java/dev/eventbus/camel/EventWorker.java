package dev.eventbus.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.envelope.EnvelopeCodec;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import dev.eventbus.camel.ordering.AggregateVersions;
import dev.eventbus.camel.ordering.LaneWorker;
import dev.eventbus.camel.ordering.Outcome;
import dev.eventbus.camel.ordering.Resequencer;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lane does with one consumed event: decode it, skip it when it is a duplicate, hold it back when an earlier
 * version of its aggregate has not arrived yet (transports whose redeliveries can reorder, see {@link Resequencer}), run the route and wait until
 * the exchange completed (routes may be asynchronous), then ack; on an unhandled failure ask the lane for a retry with
 * backoff, and after {@code maxDeliveries} attempts (or at once when the bytes cannot be decoded) publish the original
 * bytes to the dead-letter topic and ack.
 */
final class EventWorker implements LaneWorker<InboundEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EventWorker.class);
    private static final int MAX_REASON = 1000;

    private final EventBusConsumer consumer;
    private final EventBusConfiguration config;
    private final EnvelopeCodec codec;
    private final ExchangeEnvelopes mapping;
    private final Publisher publisher;
    private final String deadLetterTopic;
    private final String groupId;
    private final AggregateVersions[] versions;
    private final AtomicInteger running = new AtomicInteger();
    private final ConsumerStats stats;
    private final Resequencer resequencer;

    EventWorker(EventBusConsumer consumer, EventBusConfiguration config, EnvelopeCodec codec, ExchangeEnvelopes mapping,
                Publisher publisher, String groupId, ConsumerStats stats, Resequencer resequencer) {
        this.resequencer = resequencer;
        this.consumer = consumer;
        this.config = config;
        this.codec = codec;
        this.mapping = mapping;
        this.publisher = publisher;
        this.deadLetterTopic = config.resolveDeadLetterTopic();
        this.groupId = groupId;
        this.stats = stats;
        int lanes = config.getConcurrency();
        this.versions = new AggregateVersions[lanes];
        for (int i = 0; i < lanes; i++) {
            versions[i] = new AggregateVersions(Math.max(1, config.getAggregateCacheSize() / lanes));
        }
    }

    @Override
    public Outcome work(int lane, InboundEvent event, int attempt) throws InterruptedException {
        if (event.delivery.revoked()) {
            // its partition moved to another group member, which delivers it again: not ours to start any more
            stats.released.increment();
            event.delivery.release();
            return Outcome.done();
        }
        if (event.deadLetterReason != null) {
            return deadLetter(event);
        }
        if (event.envelope == null) {
            try {
                event.envelope = codec.decode(event.delivery.value());
            } catch (InvalidEnvelopeException e) {
                event.deadLetterReason = "undecodable: " + e.getMessage();
                return deadLetter(event);
            }
        }
        String aggregateId = event.envelope.aggregateId();
        long version = event.envelope.eventVersion();
        Resequencer.Decision decision = resequencer.decide(versions[lane], aggregateId, version,
                config.isSkipDuplicates(), event.heldSinceNanos, System.nanoTime());
        if (decision.kind() == Resequencer.Kind.HOLD) {
            return hold(event, decision);
        }
        if (decision.kind() == Resequencer.Kind.DUPLICATE) {
            stats.duplicates.increment();
            LOG.debug("Skipping duplicate {} version {} of aggregate {}", event.envelope.eventId(), version, aggregateId);
            event.delivery.ack();
            return Outcome.done();
        }
        Exception failure = runRoute(lane, event);
        if (event.deadLetterReason != null) {
            versions[lane].processed(aggregateId, version);
            return deadLetter(event);
        }
        if (failure == null) {
            versions[lane].processed(aggregateId, version);
            stats.processed.increment();
            event.delivery.ack();
            return Outcome.done();
        }
        if (event.routeAttempts < config.getMaxDeliveries()) {
            stats.redeliveries.increment();
            return Outcome.retryAfter(backoff(event.routeAttempts));
        }
        versions[lane].processed(aggregateId, version);
        event.deadLetterReason = "failed " + event.routeAttempts + " times: " + failure;
        return deadLetter(event);
    }

    /** Holds a later version back until its aggregate's missing version was processed or the timeout passed. */
    private Outcome hold(InboundEvent event, Resequencer.Decision decision) {
        if (event.heldSinceNanos == 0) {
            event.heldSinceNanos = System.nanoTime();
            stats.resequenced.increment();
            LOG.debug("Holding version {} of aggregate {} for up to {} ms: an earlier version has not arrived",
                    event.envelope.eventVersion(), event.envelope.aggregateId(), decision.holdMillis());
        }
        return Outcome.hold(decision.holdMillis());
    }

    /**
     * Runs the route for the event and waits for the exchange to complete; returns its unhandled failure, if any. A
     * payload that cannot be converted to payloadType sets the dead-letter reason instead (retrying cannot help).
     */
    private Exception runRoute(int lane, InboundEvent event) throws InterruptedException {
        event.routeAttempts++;
        Exchange exchange = consumer.createExchange(false);
        try {
            mapping.populate(exchange, event.envelope, event.delivery,
                    event.delivery.deliveryCount() + event.routeAttempts - 1, config.getDeliver(),
                    config.getPayloadType(), consumer.getEndpoint().getHeaderFilterStrategy());
        } catch (Exception e) {
            consumer.releaseExchange(exchange, false);
            event.deadLetterReason = "payload cannot be converted to " + config.getPayloadType().getName() + ": " + e;
            return e;
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean completed = new AtomicBoolean();
        Runnable complete = () -> {
            if (completed.compareAndSet(false, true)) {
                running.decrementAndGet();
                done.countDown();
            }
        };
        running.incrementAndGet();
        try {
            consumer.getAsyncProcessor().process(exchange, doneSync -> complete.run());
        } catch (Throwable e) {
            if (!completed.get()) {
                exchange.setException(e);
            }
            complete.run();
        }
        // interrupted (forced stop): the exchange may still run, so it is neither released nor acked
        done.await();
        Exception failure = exchange.getException();
        if (failure == null && exchange.isRollbackOnly()) {
            failure = new IllegalStateException("the route marked the exchange rollback-only");
        }
        consumer.releaseExchange(exchange, false);
        return failure;
    }

    /** Exchanges handed to the route and not completed yet. */
    int running() {
        return running.get();
    }

    /** Waits up to {@code timeoutMillis} until no exchange is running; returns whether none is. */
    boolean awaitNoneRunning(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    private long backoff(int attempts) {
        double delay = config.getRedeliveryDelay() * Math.pow(config.getRedeliveryBackoffMultiplier(), attempts - 1);
        return (long) Math.min(delay, config.getMaxRedeliveryDelay());
    }

    private Outcome deadLetter(InboundEvent event) throws InterruptedException {
        Delivery delivery = event.delivery;
        String reason = event.deadLetterReason.length() > MAX_REASON
                ? event.deadLetterReason.substring(0, MAX_REASON) : event.deadLetterReason;
        Map<String, String> headers = new HashMap<>();
        headers.put(DeadLetterHeaders.REASON, reason);
        headers.put(DeadLetterHeaders.ORIGINAL_TOPIC, delivery.topic());
        headers.put(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(delivery.partition()));
        headers.put(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(delivery.position()));
        headers.put(DeadLetterHeaders.DELIVERY_COUNT, Integer.toString(event.routeAttempts));
        headers.put(DeadLetterHeaders.GROUP_ID, groupId);
        try {
            publisher.publish(List.of(new OutboundRecord(deadLetterTopic, delivery.key(), delivery.value(), headers)))
                    .get(config.getPublishTimeout() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("Could not publish {}/{}@{} to dead-letter topic {}; retrying", delivery.topic(),
                    delivery.partition(), delivery.position(), deadLetterTopic, e);
            return Outcome.retryAfter(config.getMaxRedeliveryDelay());
        }
        stats.deadLettered.increment();
        LOG.warn("Event {}/{}@{} sent to dead-letter topic {} (reason in its {} header)", delivery.topic(),
                delivery.partition(), delivery.position(), deadLetterTopic, DeadLetterHeaders.REASON);
        LOG.debug("Dead-letter reason of {}/{}@{}: {}", delivery.topic(), delivery.partition(), delivery.position(), reason);
        delivery.ack();
        return Outcome.done();
    }
}
