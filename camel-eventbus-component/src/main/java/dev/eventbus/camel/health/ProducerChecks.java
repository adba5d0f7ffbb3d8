package dev.eventbus.camel.health;

import java.util.HashMap;
import java.util.Map;

import dev.eventbus.camel.transport.Publisher;
import dev.eventbus.camel.transport.PublisherStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;

/**
 * The producer checks of one component: one {@link ProducerReadinessCheck} per shared broker client, in Camel's
 * {@code producers} repository (as camel-kafka's producer registers its check), added when the first producer using
 * the client starts and removed when the last one stops. Producers call it on start and stop; thread-safe.
 */
public final class ProducerChecks {

    private final Map<String, Entry> checks = new HashMap<>();

    /**
     * Registers the check of {@code publisher}'s client, or counts one more producer of it.
     *
     * @param  enabled the component's {@code healthCheckProducerEnabled}
     * @return         what the producer closes when it stops; a no-op when the publisher has no broker client (memory)
     *                 or Camel has no {@code producers} repository (no camel-health)
     */
    public synchronized AutoCloseable register(CamelContext context, Publisher publisher, boolean enabled) {
        PublisherStatus first = publisher.status();
        if (first == null) {
            return () -> {
            };
        }
        WritableHealthCheckRepository repository = HealthCheckHelper.getHealthCheckRepository(context, "producers",
                WritableHealthCheckRepository.class);
        if (repository == null) {
            return () -> {
            };
        }
        String client = first.client();
        Entry entry = checks.get(client);
        if (entry == null) {
            ProducerReadinessCheck check = new ProducerReadinessCheck(client, publisher::status,
                    System::currentTimeMillis);
            check.setEnabled(enabled);
            check.setCamelContext(context);
            repository.addHealthCheck(check);
            entry = new Entry(repository, check);
            checks.put(client, entry);
        }
        entry.users++;
        Entry registered = entry;
        boolean[] closed = new boolean[1];
        return () -> release(client, registered, closed);
    }

    private synchronized void release(String client, Entry entry, boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        if (--entry.users == 0 && checks.remove(client) == entry) {
            entry.repository.removeHealthCheck(entry.check);
        }
    }

    private static final class Entry {
        final WritableHealthCheckRepository repository;
        final ProducerReadinessCheck check;
        int users;

        Entry(WritableHealthCheckRepository repository, ProducerReadinessCheck check) {
            this.repository = repository;
            this.check = check;
        }
    }
}
