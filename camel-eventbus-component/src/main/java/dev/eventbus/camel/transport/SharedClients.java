package dev.eventbus.camel.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Broker clients (a Kafka producer, a NATS connection) shared by the endpoints of one CamelContext whose client
 * settings are equal. A client is created by the first {@link #acquire} of its key and closed when the last lease is
 * released, or when the registry closes with the CamelContext.
 */
public final class SharedClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedClients.class);

    private final Map<Object, Entry> clients = new HashMap<>();

    /**
     * Leases the client of {@code key}, creating it with {@code factory} when none is open.
     *
     * @param key     equal keys share one client; must not contain anything that may not be logged
     * @param factory creates the client
     */
    public synchronized <C extends AutoCloseable> Lease<C> acquire(Object key, Supplier<C> factory) {
        Entry entry = clients.get(key);
        if (entry == null) {
            entry = new Entry(key, factory.get());
            clients.put(key, entry);
        }
        entry.leases++;
        @SuppressWarnings("unchecked")
        C client = (C) entry.client;
        return new Lease<>(this, entry, client);
    }

    private synchronized void release(Entry entry) {
        if (--entry.leases == 0 && clients.remove(entry.key) == entry) {
            closeQuietly(entry.client);
        }
    }

    /** Closes every client, leased or not. */
    @Override
    public synchronized void close() {
        clients.values().forEach(entry -> closeQuietly(entry.client));
        clients.clear();
    }

    private static void closeQuietly(AutoCloseable client) {
        try {
            client.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", client.getClass().getSimpleName(), e.toString());
        }
    }

    private static final class Entry {
        final Object key;
        final AutoCloseable client;
        int leases;

        Entry(Object key, AutoCloseable client) {
            this.key = key;
            this.client = client;
        }
    }

    /** One user's hold on a shared client; {@link #close()} releases it (once). */
    public static final class Lease<C extends AutoCloseable> implements AutoCloseable {
        private final SharedClients owner;
        private final Entry entry;
        private final C client;
        private boolean released;

        private Lease(SharedClients owner, Entry entry, C client) {
            this.owner = owner;
            this.entry = entry;
            this.client = client;
        }

        /** The shared client; do not close it. */
        public C client() {
            return client;
        }

        @Override
        public void close() {
            synchronized (owner) {
                if (released) {
                    return;
                }
                released = true;
            }
            owner.release(entry);
        }
    }
}
