package dev.eventbus.camel.consumer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.eventbus.camel.EventBusConfiguration;
import dev.eventbus.camel.EventBusConstants;
import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.ordering.AggregateVersions;
import dev.eventbus.camel.ordering.LaneWorker;
import dev.eventbus.camel.ordering.Outcome;
import dev.eventbus.camel.ordering.Resequencer;
import dev.eventbus.camel.transport.RateLimitedLog;
import dev.eventbus.camel.transport.WireHeaders;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a lane does with one consumed event (decoded by {@link EventIntake}): skip it when its version was processed
 * already, hold it back when an earlier version of its aggregate has not arrived yet (transports whose redeliveries can
 * reorder, see {@link Resequencer}), run the route and wait until the exchange completed (routes may be asynchronous),
 * then ack; on an unhandled failure ask the lane for a retry after the {@link RedeliveryPolicy}'s delay, and after its
 * {@code maxDeliveries} attempts (or at once when the failure is not retryable or the record is not an event) hand it
 * to the {@link DeadLetterPublisher} and ack. No exception leaves an event retried forever: a failure of this code or a
 * library becomes a dead-letter reason.
 */
public final class EventWorker implements LaneWorker<InboundEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(EventWorker.class);

    private final EventExchanges exchanges;
    private final EventBusConfiguration config;
    private final RedeliveryPolicy redelivery;
    private final DeadLetterPublisher deadLetters;
    private final AggregateVersions[] versions;
    private final AtomicInteger running = new AtomicInteger();
    private final Counters stats;
    private final EventTimer timer;
    private final Resequencer resequencer;
    private final HeldEvents held;
    private final InProcessEvents inProcess;
    private final RateLimitedLog staleLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog ackLog = new RateLimitedLog(LOG, 10_000);

    /**
     * @param context     what the pipeline is given: exchanges, redelivery policy, dead letters, counters
     * @param resequencer holds versions that arrive early (transports whose redeliveries can reorder)
     */
    public EventWorker(PipelineContext context, EventBusConfiguration config, Resequencer resequencer) {
        this.redelivery = context.redelivery();
        this.deadLetters = context.deadLetters();
        this.exchanges = context.exchanges();
        this.stats = context.counters();
        this.timer = context.timer();
        this.resequencer = resequencer;
        this.config = config;
        int lanes = config.getConcurrency();
        this.versions = new AggregateVersions[lanes];
        for (int i = 0; i < lanes; i++) {
            versions[i] = new AggregateVersions(Math.max(1, config.getAggregateCacheSize() / lanes));
        }
        this.held = new HeldEvents(lanes, config.getMaxInFlight(), config.getResequenceTimeout());
        this.inProcess = new InProcessEvents(lanes);
    }

    /** The events the lanes started and have not finished (read by the stuck-event health check). */
    public InProcessEvents inProcess() {
        return inProcess;
    }

    @Override
    public Outcome work(int lane, InboundEvent event, int attempt) throws InterruptedException {
        inProcess.started(lane, event);
        Outcome outcome = attempt(lane, event);
        if (outcome instanceof Outcome.Done) {
            inProcess.finished(lane, event);
        }
        return outcome;
    }

    /** One attempt at the event; when it throws, the lane tries again later (the event stays unfinished). */
    private Outcome attempt(int lane, InboundEvent event) throws InterruptedException {
        if (event.delivery.revoked()) {
            // its partition moved to another group member, which delivers it again: not ours to start any more
            deadLetters.unstuck(event);
            held.released(event);
            stats.released.increment();
            event.delivery.release();
            return Outcome.done();
        }
        try {
            Outcome outcome = event.deadLetterReason != null ? deadLetter(lane, event) : process(lane, event);
            if (!(outcome instanceof Outcome.Hold)) {
                held.released(event);
            }
            return outcome;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            if (event.deadLetterReason != null) {
                throw e; // dead-lettering itself failed unexpectedly: the lane retries it
            }
            LOG.error("Processing {}/{}@{} failed unexpectedly; dead-lettering it", event.delivery.topic(),
                    event.delivery.partition(), event.delivery.offset(), e);
            event.deadLetterReason = "internal failure: " + e;
            event.failureClass = e.getClass().getName();
            return deadLetter(lane, event);
        }
    }

    private Outcome process(int lane, InboundEvent event) throws InterruptedException {
        Envelope envelope = event.envelope;
        String aggregateId = envelope.aggregateId();
        long version = envelope.eventVersion();
        if (event.heldSinceNanos == 0) {
            event.heldSinceNanos = held.firstHeld(lane, envelope.eventId());
        }
        Resequencer.Decision decision = resequencer.decide(versions[lane], aggregateId, version,
                config.isSkipDuplicates(), event.heldSinceNanos, System.nanoTime());
        if (decision.kind() == Resequencer.Kind.DUPLICATE && isReplay(event)) {
            stats.replayed.increment();
            decision = Resequencer.Decision.PROCESS;
        }
        if (decision.kind() == Resequencer.Kind.HOLD) {
            return hold(lane, event, decision);
        }
        if (event.heldSinceNanos != 0) {
            held.settled(lane, envelope.eventId());
        }
        if (decision.kind() == Resequencer.Kind.DUPLICATE) {
            skip(lane, event);
            return ack(event);
        }
        Exception failure = runRoute(event);
        if (event.deadLetterReason != null) {
            return deadLetter(lane, event);
        }
        if (failure == null) {
            versions[lane].processed(aggregateId, version, envelope.eventId());
            stats.processed.increment();
            return ack(event);
        }
        boolean retryable = redelivery.retryable(failure);
        if (retryable && event.routeAttempts < redelivery.maxDeliveries()) {
            stats.redeliveries.increment();
            return Outcome.retryAfter(redelivery.delayMillis(event.routeAttempts, failure));
        }
        event.deadLetterReason = "failed " + event.routeAttempts + (retryable ? " times: " : " times (not retryable): ")
                + failure;
        event.failureClass = failure.getClass().getName();
        return deadLetter(lane, event);
    }

    /**
     * Counts a skipped event: stale when its version was processed with another event id (a rival event, logged at
     * WARN), else a duplicate (a redelivery, or a version older than the ids the consumer remembers).
     */
    private void skip(int lane, InboundEvent event) {
        Envelope envelope = event.envelope;
        AggregateVersions known = versions[lane];
        if (known.seen(envelope.aggregateId(), envelope.eventVersion(),
                envelope.eventId()) != AggregateVersions.Seen.OTHER) {
            stats.duplicates.increment();
            LOG.debug("Skipping duplicate {} version {} of aggregate {}", envelope.eventId(), envelope.eventVersion(),
                    envelope.aggregateId());
            return;
        }
        stats.stale.increment();
        staleLog.warn("Skipping stale event {} of aggregate {} on topic {}: version {} was processed already as "
                + "another event (last processed version {}); publish it with header " + EventBusConstants.REPLAY
                + "=true if it must be processed", envelope.eventId(), envelope.aggregateId(),
                event.delivery.topic(), envelope.eventVersion(), known.lastProcessed(envelope.aggregateId()));
    }

    /** Whether the record was published as a replay (header {@link WireHeaders#REPLAY}). */
    private static boolean isReplay(InboundEvent event) {
        boolean[] replay = new boolean[1];
        event.delivery.forEachHeader(WireHeaders.REPLAY::equals, (name, value) -> replay[0] = "true".equals(value));
        return replay[0];
    }

    /**
     * Holds a later version back until its aggregate's missing version was processed or the timeout passed, within the
     * bound of {@link HeldEvents}, so a gap in one aggregate never holds the whole consumer.
     */
    private Outcome hold(int lane, InboundEvent event, Resequencer.Decision decision) {
        if (event.heldSinceNanos == 0) {
            event.heldSinceNanos = System.nanoTime();
            stats.resequenced.increment();
            LOG.debug("Holding version {} of aggregate {} for up to {} ms: an earlier version has not arrived",
                    event.envelope.eventVersion(), event.envelope.aggregateId(), decision.holdMillis());
        }
        if (held.holdOrDefer(lane, event, decision.holdMillis())) {
            stats.deferred.increment();
            return Outcome.done();
        }
        return Outcome.hold(decision.holdMillis());
    }

    /**
     * Runs the route for the event and waits for the exchange to complete; returns its unhandled failure, if any. An
     * event that cannot be put into an exchange (payload not convertible to payloadType, a failing header filter)
     * sets the dead-letter reason instead (retrying cannot help).
     */
    private Exception runRoute(InboundEvent event) throws InterruptedException {
        event.routeAttempts++;
        Exchange exchange;
        try {
            exchange = exchanges.create(event.envelope, event.source, event.delivery,
                    event.delivery.deliveryCount() + event.routeAttempts - 1);
        } catch (Exception e) {
            event.deadLetterReason = config.getPayloadType() != null
                    ? "payload cannot be converted to " + config.getPayloadType().getName() + ": " + e
                    : "cannot be mapped to an exchange: " + e;
            event.failureClass = e.getClass().getName();
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
        long started = timer.enabled() ? System.nanoTime() : 0;
        try {
            exchanges.processor().process(exchange, doneSync -> complete.run());
        } catch (Throwable e) {
            if (!completed.get()) {
                exchange.setException(e);
            }
            complete.run();
        }
        // interrupted (forced stop): the exchange may still run, so it is neither released nor completed
        done.await();
        if (started != 0) {
            timer.routeRan(System.nanoTime() - started);
        }
        Exception failure = exchange.getException();
        if (failure == null && exchange.isRollbackOnly()) {
            failure = new IllegalStateException("the route marked the exchange rollback-only");
        }
        exchanges.release(exchange);
        return failure;
    }

    /** Exchanges handed to the route and not completed yet. */
    public int running() {
        return running.get();
    }

    /** Waits up to {@code timeoutMillis} until no exchange is running; returns whether none is. */
    public boolean awaitNoneRunning(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /**
     * Dead-letters the event; once it landed, an event's version counts as done for the duplicate check (not before:
     * an event released while its dead-letter publish was failing must not be skipped when it comes back).
     */
    private Outcome deadLetter(int lane, InboundEvent event) throws InterruptedException {
        Outcome outcome = deadLetters.send(event);
        if (!(outcome instanceof Outcome.Done)) {
            return outcome;
        }
        if (event.envelope != null) {
            versions[lane].processed(event.envelope.aggregateId(), event.envelope.eventVersion(),
                    event.envelope.eventId());
        }
        return ack(event);
    }

    /**
     * Acks the event. An ack the transport cannot deliver (a broken connection) is logged: the broker then delivers
     * the event again, and the version check skips it.
     */
    private Outcome ack(InboundEvent event) {
        if (event.envelope != null) {
            timer.completed(event.envelope);
        }
        try {
            event.delivery.complete();
        } catch (RuntimeException e) {
            ackLog.warn("Acknowledging {}/{}@{} failed; the transport will deliver it again: {}",
                    event.delivery.topic(),
                    event.delivery.partition(), event.delivery.offset(), e.toString());
        }
        return Outcome.done();
    }
}
