package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.SharedClients;
import dev.eventbus.camel.transport.Subscription;
import dev.eventbus.camel.transport.SubscriptionSpec;
import dev.eventbus.camel.transport.ThreadPools;
import dev.eventbus.camel.transport.Transport;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;

/**
 * The NATS JetStream transport of one endpoint: publishes with {@code publishAsync} on a connection shared by every
 * endpoint of the CamelContext with the same servers and credentials (or on the connection the user supplied, which
 * it never closes), and consumes with durable pull consumers (see
 * {@link NatsSubscription}). Streams are provisioned by {@link #prepare(String)}; see {@link NatsStreams} for names.
 */
public final class NatsTransport implements Transport {

    private final NatsSettings settings;
    /** A connection the user supplied, or null to connect to the settings' servers. */
    private final Connection supplied;
    private final SharedClients clients;
    private final ThreadPools threads;
    /** The stream of each prepared topic. */
    private final Map<String, String> streams = new ConcurrentHashMap<>();
    private SharedClients.Lease<NatsConnection> lease;
    private NatsPublisher publisher;

    /**
     * @param settings connection, stream and consumer settings
     * @param clients  where the shared connection lives
     * @param threads  where poll threads come from
     */
    public NatsTransport(NatsSettings settings, SharedClients clients, ThreadPools threads) {
        this(settings, null, clients, threads);
    }

    /**
     * @param settings connection, stream and consumer settings
     * @param supplied a connection the user supplied, used instead of connecting and never closed by the transport;
     *                 null to connect to the settings' servers
     * @param clients  where the shared connection lives
     * @param threads  where poll threads come from
     */
    public NatsTransport(NatsSettings settings, Connection supplied, SharedClients clients, ThreadPools threads) {
        this.settings = settings;
        this.supplied = supplied;
        this.clients = clients;
        this.threads = threads;
    }

    private synchronized NatsConnection connection() {
        if (lease == null && supplied != null) {
            NatsConnection.Supplied key = new NatsConnection.Supplied(supplied, settings.maxPendingPublishes());
            lease = clients.acquire(key, () -> NatsConnection.supplied(key, threads));
        } else if (lease == null) {
            NatsConnection.Key key = new NatsConnection.Key(settings.serverUrls(), settings.auth(),
                    settings.maxPendingPublishes());
            lease = clients.acquire(key, () -> NatsConnection.open(key, threads, settings.startTimeoutMillis()));
        }
        return lease.client();
    }

    @Override
    public synchronized Publisher publisher() {
        if (publisher == null) {
            publisher = new NatsPublisher(connection(), settings.topic(), settings.partitions(),
                    settings.publishTimeoutMillis());
        }
        return publisher;
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, DeliveryHandler handler) {
        return new NatsSubscription(connection(), settings, streamOf(spec.topic()), spec, handler, threads);
    }

    /**
     * Connects (the first time) and finds, creates or checks the stream of {@code topic}: see {@link NatsStreams}. The
     * connection attempt takes at most {@code startTimeout}, and so do the stream requests together (a third each).
     */
    @Override
    public void prepare(String topic) {
        if (streams.containsKey(topic)) {
            return;
        }
        long bound = settings.startTimeoutMillis();
        NatsConnection connection;
        try {
            connection = connection();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (each server tried once, within " + bound
                    + " ms in all: startTimeout)", e.getCause());
        }
        try {
            JetStreamManagement jsm = connection.connection().jetStreamManagement(
                    JetStreamOptions.builder().requestTimeout(Duration.ofMillis(Math.max(100, bound / 3))).build());
            streams.put(topic, NatsStreams.resolve(jsm, settings, topic, forcedStream(topic), subjectsOf(topic)));
        } catch (IOException | IllegalStateException e) {
            if (e instanceof IllegalStateException && !(e.getCause() instanceof IOException)) {
                throw (IllegalStateException) e; // not a timeout: a missing stream, other subjects
            }
            throw new IllegalStateException(e.getMessage() + " (the stream requests took longer than " + bound
                    + " ms: startTimeout)", e);
        }
    }

    /** The stream of {@code topic}: the one {@link #prepare} found or created, else the forced or derived name. */
    String streamOf(String topic) {
        String prepared = streams.get(topic);
        if (prepared != null) {
            return prepared;
        }
        String forced = forcedStream(topic);
        return forced != null ? forced : NatsStreams.streamName(topic);
    }

    /** The {@code stream} option for the endpoint's topic; null when it is not set (or for another topic). */
    private String forcedStream(String topic) {
        if (topic.equals(settings.topic()) && settings.stream() != null && !settings.stream().isBlank()) {
            return settings.stream();
        }
        return null;
    }

    private List<String> subjectsOf(String topic) {
        return NatsStreams.subjects(topic, topic.equals(settings.topic()) ? settings.partitions() : 0);
    }

    @Override
    public synchronized void close() {
        if (lease != null) {
            lease.close();
            lease = null;
            publisher = null;
        }
    }
}
