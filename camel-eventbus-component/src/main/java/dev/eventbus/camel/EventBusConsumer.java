package dev.eventbus.camel;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.eventbus.camel.consumer.Counters;
import dev.eventbus.camel.consumer.DeadLetters;
import dev.eventbus.camel.consumer.EventIntake;
import dev.eventbus.camel.consumer.EventTimer;
import dev.eventbus.camel.consumer.EventWorker;
import dev.eventbus.camel.consumer.InProcessEvents;
import dev.eventbus.camel.consumer.InboundEvent;
import dev.eventbus.camel.consumer.PipelineContext;
import dev.eventbus.camel.health.ConsumerChecks;
import dev.eventbus.camel.metrics.ConsumerMeters;
import dev.eventbus.camel.ordering.KeyedLanes;
import dev.eventbus.camel.ordering.Resequencer;
import dev.eventbus.camel.transport.InFlightLimit;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import dev.eventbus.camel.transport.Transport;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.Suspendable;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes a topic: the transport's records are decoded and go to keyed lanes by aggregate id ({@link EventIntake}), each lane runs the
 * route for one event at a time, and a record is completed only after its exchange completed or it was dead-lettered.
 * At most {@code maxInFlight} records are buffered or in process; the subscription pauses at the bound. Stopping stops
 * intake first, lets the in-flight events finish (bounded by the shutdown timeout), then ends every thread.
 * <p>
 * Its numbers are JMX attributes of the consumer's MBean ({@link EventBusConsumerMBean}).
 */
@ManagedResource(description = "Managed EventBusConsumer")
public class EventBusConsumer extends DefaultConsumer implements ShutdownAware, Suspendable, EventBusConsumerMBean {

    private static final Logger LOG = LoggerFactory.getLogger(EventBusConsumer.class);
    /** Group of consumers that set none (transports that do not require one). */
    static final String DEFAULT_GROUP = "default";

    private final Counters counters = new Counters();
    private final ConsumerStats stats = new ConsumerStats(counters);
    private volatile boolean forceShutdown;
    private volatile InFlightLimit inFlight;
    private volatile KeyedLanes<InboundEvent> lanes;
    private volatile Subscription subscription;
    private volatile EventWorker worker;
    private ConsumerChecks healthChecks;
    /** Only set (and its class only loaded) when a MeterRegistry is configured: micrometer-core is optional. */
    private ConsumerMeters meters;

    public EventBusConsumer(EventBusEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public EventBusEndpoint getEndpoint() {
        return (EventBusEndpoint) super.getEndpoint();
    }

    /** What this consumer processed, skipped, retried and dead-lettered. */
    @Override
    public ConsumerStats getStats() {
        return stats;
    }

    @Override
    public String getTransport() {
        return String.valueOf(getEndpoint().getConfiguration().getTransport());
    }

    @Override
    public String getTopic() {
        return getEndpoint().getConfiguration().getTopic();
    }

    @Override
    public String getGroupId() {
        String groupId = getEndpoint().getConfiguration().getGroupId();
        return groupId != null ? groupId : DEFAULT_GROUP;
    }

    @Override
    public int getConcurrency() {
        return getEndpoint().getConfiguration().getConcurrency();
    }

    @Override
    public int getLanesBusy() {
        KeyedLanes<InboundEvent> current = lanes;
        return current == null ? 0 : current.busy();
    }

    /** Failures of the transport's poll loop since this consumer started (logged, retried with backoff). */
    @Override
    public long getPollFailures() {
        Subscription current = subscription;
        return current == null ? 0 : current.pollFailures();
    }

    /** Completions the broker could not be told since this consumer started (those records come again). */
    @Override
    public long getCompletionFailures() {
        Subscription current = subscription;
        return current == null ? 0 : current.completionFailures();
    }

    /**
     * The subscription's lifecycle state, connection, assignment and per-partition offsets and lag (no broker call);
     * {@link SubscriptionState#CREATED} with no partition while the consumer is not started. Any thread.
     */
    @Override
    public SubscriptionStatus getSubscriptionStatus() {
        Subscription current = subscription;
        return current != null ? current.status()
                : new SubscriptionStatus(SubscriptionState.CREATED, false, "", 0, 0, List.of());
    }

    /** Events buffered or in process right now. */
    @Override
    public int getInFlight() {
        InFlightLimit current = inFlight;
        return current == null ? 0 : current.inFlight();
    }

    /** The most events that were buffered or in process at once. */
    @Override
    public int getPeakInFlight() {
        InFlightLimit current = inFlight;
        return current == null ? 0 : current.peak();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EventBusEndpoint endpoint = getEndpoint();
        EventBusConfiguration config = endpoint.getConfiguration();
        Transport transport = endpoint.transport();
        transport.prepare(config.getTopic());
        transport.prepare(config.resolveDeadLetterTopic());
        String groupId = getGroupId();
        forceShutdown = false;
        inFlight = new InFlightLimit(config.getMaxInFlight());
        counters.resetStuck();
        Resequencer resequencer = endpoint.transportCapabilities().redeliveriesCanReorder()
                ? new Resequencer(config.getResequenceTimeout()) : Resequencer.OFF;
        ConsumerExchanges exchanges = new ConsumerExchanges(this, endpoint.exchangeEnvelopes(), config);
        EventTimer timer = bindMeters(config, groupId);
        try {
            PipelineContext pipeline = new PipelineContext(exchanges, config.resolveRedeliveryPolicy(),
                    DeadLetters.of(transport.publisher(), config, groupId, counters), counters, timer);
            worker = new EventWorker(pipeline, config, resequencer);
            lanes = new KeyedLanes<>("eventbus-lane-" + config.getTopic(), config.getConcurrency(), worker,
                    endpoint.threadPools());
            lanes.start();
            subscription = transport.subscribe(new SubscriptionSpec(config.getTopic(), groupId, inFlight),
                    new EventIntake(lanes, endpoint.formats()));
            subscription.start();
            if (meters != null) {
                meters.bindClient(subscription.client(), getRouteId(), endpoint.threadPools());
            }
        } catch (Exception | LinkageError e) {
            // a failed start (broker unreachable) is not stopped: its meters must not stay registered
            closeMeters();
            throw e;
        }
        healthChecks = ConsumerChecks.register(this, endpoint.getComponent().isHealthCheckConsumerEnabled(),
                new ConsumerHealthProbe(this), config.getStuckEventTimeout());
        LOG.info("Consuming eventbus topic {} (transport {}, group {}, {} lanes, maxInFlight {})", config.getTopic(),
                config.getTransport(), groupId, config.getConcurrency(), config.getMaxInFlight());
    }

    @Override
    protected void doStop() throws Exception {
        if (healthChecks != null) {
            healthChecks.unregister();
            healthChecks = null;
        }
        Subscription current = subscription;
        if (current != null) {
            current.pause();
            boolean interrupted = false;
            long timeout = shutdownTimeoutMillis();
            try {
                if (!forceShutdown && !inFlight.awaitIdle(timeout, TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} events of topic {} did not finish in {} ms; they will be delivered again",
                            inFlight.inFlight(), getEndpoint().getConfiguration().getTopic(), timeout);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            // clean up even when the wait was interrupted; joining threads needs the interrupt flag cleared
            interrupted |= Thread.interrupted();
            try {
                lanes.stop(TimeUnit.SECONDS.toMillis(10));
                if (!worker.awaitNoneRunning(timeout)) {
                    LOG.warn("{} exchanges of topic {} are still running after the stop; their events are released "
                            + "to the group and may be processed again", worker.running(),
                            getEndpoint().getConfiguration().getTopic());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                current.close();
                subscription = null;
                lanes = null;
                closeMeters();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        closeMeters();
        super.doStop();
    }

    /**
     * Registers this consumer's meters when a MeterRegistry is configured or bound (only then is a class of the
     * optional Micrometer loaded); returns what the pipeline times with.
     */
    private EventTimer bindMeters(EventBusConfiguration config, String groupId) {
        Object registry = Meters.registry(config, getEndpoint().getCamelContext());
        if (registry == null) {
            return EventTimer.NONE;
        }
        meters = ConsumerMeters.bind(registry, config.getTopic(), groupId, config.getTransport().name(),
                getRouteId(), counters, this::getInFlight, this::getSubscriptionStatus);
        return meters;
    }

    private void closeMeters() {
        if (meters != null) {
            meters.close();
            meters = null;
        }
    }

    private long shutdownTimeoutMillis() {
        return getEndpoint().getCamelContext().getShutdownStrategy().getTimeUnit()
                .toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout());
    }

    @Override
    protected void doSuspend() throws Exception {
        Subscription current = subscription;
        if (current != null) {
            current.pause();
        }
    }

    @Override
    protected void doResume() throws Exception {
        Subscription current = subscription;
        if (current != null) {
            current.resume();
        }
    }

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        // not deferred: the shutdown strategy suspends us (intake stops) and waits for the pending events below
        return false;
    }

    @Override
    public int getPendingExchangesSize() {
        return inFlight == null ? 0 : inFlight.inFlight();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        Subscription current = subscription;
        if (current != null) {
            current.pause();
        }
        if (!suspendOnly) {
            forceShutdown = forced;
        }
    }

    /** The oldest event in process, waiting for a redelivery or held; null when none (any thread, no lock). */
    InProcessEvents.OldestEvent oldestEvent() {
        EventWorker current = worker;
        return current == null ? null : current.inProcess().oldest();
    }
}
