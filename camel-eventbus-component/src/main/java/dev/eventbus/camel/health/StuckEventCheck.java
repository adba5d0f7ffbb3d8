package dev.eventbus.camel.health;

import java.util.Map;
import java.util.function.Supplier;

import dev.eventbus.camel.consumer.InProcessEvents.OldestEvent;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The liveness check of one eventbus consumer, {@code eventbus-stuck:<routeId>}: DOWN while the oldest event in
 * process, waiting for a redelivery or held back for an earlier version is older than {@code stuckEventTimeout}; the
 * message and details name its aggregate, topic, partition, offset and delivery count. Registered in Camel's
 * {@link org.apache.camel.health.HealthCheckRegistry} while the consumer runs. Reads the lanes' published oldest event
 * (no lock, see {@link dev.eventbus.camel.consumer.InProcessEvents}); any thread.
 */
public final class StuckEventCheck extends AbstractHealthCheck {

    private final Supplier<OldestEvent> oldest;
    private final long timeoutMillis;

    /**
     * @param routeId       the consumer's route
     * @param oldest        the oldest unfinished event, or null
     * @param timeoutMillis the consumer's {@code stuckEventTimeout}
     */
    public StuckEventCheck(String routeId, Supplier<OldestEvent> oldest, long timeoutMillis) {
        super("camel", "eventbus-stuck:" + routeId);
        this.oldest = oldest;
        this.timeoutMillis = timeoutMillis;
        addMetaData("route.id", routeId);
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    public boolean isLiveness() {
        return true;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("stuck.event.timeout.ms", timeoutMillis);
        OldestEvent event = oldest.get();
        if (event == null) {
            builder.up();
            return;
        }
        builder.detail("oldest.event.age.ms", event.ageMillis());
        if (event.ageMillis() <= timeoutMillis) {
            builder.up();
            return;
        }
        builder.detail("aggregate.id", event.aggregateId());
        builder.detail("topic", event.topic());
        builder.detail("partition", event.partition());
        builder.detail("offset", event.offset());
        builder.detail("delivery.count", event.deliveryCount());
        builder.down().message("event of aggregate " + event.aggregateId() + " at " + event.topic() + "/"
                + event.partition() + "@" + event.offset() + " (delivery " + event.deliveryCount()
                + ") has not finished for " + event.ageMillis() + " ms (stuckEventTimeout " + timeoutMillis + " ms)");
    }
}
