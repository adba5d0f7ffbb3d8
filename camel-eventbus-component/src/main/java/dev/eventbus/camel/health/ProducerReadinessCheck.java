package dev.eventbus.camel.health;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.eventbus.camel.transport.PublisherStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The readiness check of one shared broker client of the component's producers, {@code producer:eventbus-<client>}
 * (the Kafka producer's {@code client.id} without a leading {@code eventbus-}, or {@code nats-<n>}): DOWN when the
 * client has had no connection to a broker for longer than {@link #setGraceMillis grace}. It reads the client's own
 * view ({@link PublisherStatus}: the Kafka producer's connection metrics, the NATS connection's status), so it never
 * blocks the caller nor a route. Registered in Camel's {@code producers} repository by {@link ProducerChecks}; any
 * thread.
 */
public final class ProducerReadinessCheck extends AbstractHealthCheck {

    private final Supplier<PublisherStatus> status;
    private final LongSupplier clock;
    private final Grace disconnected = new Grace();
    private long graceMillis = ConsumerReadinessCheck.CONNECT_GRACE_MILLIS;

    /**
     * @param client the shared client's name ({@link PublisherStatus#client()})
     * @param status its status
     * @param clock  milliseconds
     */
    public ProducerReadinessCheck(String client, Supplier<PublisherStatus> status, LongSupplier clock) {
        super("camel", idOf(client));
        this.status = status;
        this.clock = clock;
    }

    /** The check id of a client: {@code producer:eventbus-<client>}, without doubling a leading {@code eventbus-}. */
    public static String idOf(String client) {
        return "producer:eventbus-" + (client.startsWith("eventbus-") ? client.substring(9) : client);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    public void setGraceMillis(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        PublisherStatus current = status.get();
        builder.detail("client", current.client());
        builder.detail("transport", current.transport());
        builder.detail("servers", current.servers());
        builder.detail("connected", current.connected());
        long down = disconnected.observe(!current.connected(), clock.getAsLong());
        if (down > graceMillis) {
            builder.down().message("eventbus " + current.transport() + " producer " + current.client()
                    + " has had no connection to " + current.servers() + " for " + down + " ms");
        } else {
            builder.up();
        }
    }
}
