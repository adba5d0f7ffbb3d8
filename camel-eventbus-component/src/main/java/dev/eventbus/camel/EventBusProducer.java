package dev.eventbus.camel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import dev.eventbus.camel.metrics.ProducerMeters;
import dev.eventbus.camel.transport.OutboundRecord;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.Transport;
import dev.eventbus.camel.transport.WavePublisher;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Publishes the exchange's event (or batch of events). Everything is validated before anything is sent; the exchange
 * completes only when the transport accepted every event, and fails with the cause otherwise. Events sent from one
 * thread keep their order per aggregate, and within one exchange an aggregate's events are acknowledged in order
 * without holes ({@link WavePublisher}).
 * <p>
 * A publish that completes asynchronously (a broker acknowledgement) continues the route on the worker pool
 * ({@code workerPool}, by default the component's {@code eventbus-worker-<n>} threads), never on the broker client
 * thread that completed it: a slow step after {@code to("eventbus:...")} must not hold up other publishes. A publish
 * that completed before {@code process} returns (memory transport, immediate failure) continues on the caller.
 * <p>
 * Its counters are JMX attributes of the producer's MBean ({@link EventBusProducerMBean}).
 */
@ManagedResource(description = "Managed EventBusProducer")
public class EventBusProducer extends DefaultAsyncProducer implements EventBusProducerMBean {

    private final ProducerStats stats = new ProducerStats();
    private Publisher publisher;
    private ExecutorService workers;
    private WorkerHandoff completions;
    /** Only set (and its class only loaded) when a MeterRegistry is configured: micrometer-core is optional. */
    private ProducerMeters meters;
    private AutoCloseable healthCheck;

    public EventBusProducer(EventBusEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public EventBusEndpoint getEndpoint() {
        return (EventBusEndpoint) super.getEndpoint();
    }

    /** What this producer published, what failed, what waits for an acknowledgement. */
    @Override
    public ProducerStats getStats() {
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
    protected void doStart() throws Exception {
        super.doStart();
        EventBusConfiguration config = getEndpoint().getConfiguration();
        Transport transport = getEndpoint().transport();
        transport.prepare(config.getTopic());
        Publisher transportPublisher = transport.publisher();
        // the pools start their threads on first use: a memory producer, whose publishes complete in the call, starts none
        ProducerThreads threads = getEndpoint().getComponent().producerThreads();
        workers = config.getWorkerPool() != null ? config.getWorkerPool() : threads.workers();
        completions = new WorkerHandoff(workers, getEndpoint().getComponent().getWorkerPoolMaxSize());
        publisher = transportPublisher.stopsAtFirstFailure() ? transportPublisher
                : new WavePublisher(transportPublisher, config.getPublishTimeout(), workers, threads.timer());
        healthCheck = getEndpoint().getComponent().producerChecks().register(getEndpoint().getCamelContext(),
                transportPublisher, getEndpoint().getComponent().isHealthCheckProducerEnabled());
        Object registry = Meters.registry(config, getEndpoint().getCamelContext());
        if (registry != null) {
            meters = ProducerMeters.bind(registry, config.getTopic(), config.getTransport().name());
            meters.bindClient(transportPublisher.client(), getEndpoint().threadPools());
            publisher = meters.timed(publisher);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (meters != null) {
            meters.close();
            meters = null;
        }
        if (healthCheck != null) {
            healthCheck.close();
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        // a header left by an earlier publish of this exchange must not pass for this one's, should this one fail
        exchange.getMessage().removeHeader(EventBusConstants.PUBLISHED_EVENT_ID);
        ExchangeEnvelopes.Outgoing outgoing;
        try {
            outgoing = getEndpoint().exchangeEnvelopes().toRecords(exchange,
                    getEndpoint().getConfiguration().getTopic(), getEndpoint().getHeaderFilterStrategy());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (outgoing.records().isEmpty()) {
            exchange.getMessage().setHeader(EventBusConstants.PUBLISHED_EVENT_ID, List.of());
            callback.done(true);
            return true;
        }
        CompletableFuture<Void> sent = publishCounted(outgoing.records());
        if (sent.isDone()) {
            complete(exchange, sent, outgoing);
            callback.done(true);
            return true;
        }
        sent.whenComplete((ignored, failure) -> continueOnWorker(exchange, sent, outgoing, callback));
        return false;
    }

    /** Publishes; the returned future completes after the counters were updated (on the completing thread). */
    private CompletableFuture<Void> publishCounted(List<OutboundRecord> records) {
        int events = records.size();
        stats.sending(events);
        CompletableFuture<Void> sent;
        try {
            sent = publisher.publish(records);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((ignored, failure) -> stats.sent(events, failure == null));
    }

    /**
     * Runs on the thread that completed the publish (a broker client thread): hands the exchange to a worker, in
     * batches when publishes complete faster than the workers start ({@link WorkerHandoff}).
     */
    private void continueOnWorker(Exchange exchange, CompletableFuture<Void> sent, ExchangeEnvelopes.Outgoing outgoing,
            AsyncCallback callback) {
        completions.execute(() -> {
            complete(exchange, sent, outgoing);
            callback.done(false);
        });
    }

    private static void complete(Exchange exchange, CompletableFuture<Void> sent, ExchangeEnvelopes.Outgoing outgoing) {
        try {
            sent.join();
            exchange.getMessage().setHeader(EventBusConstants.PUBLISHED_EVENT_ID, outgoing.publishedEventId());
        } catch (CompletionException e) {
            exchange.setException(e.getCause() != null ? e.getCause() : e);
        }
    }
}
