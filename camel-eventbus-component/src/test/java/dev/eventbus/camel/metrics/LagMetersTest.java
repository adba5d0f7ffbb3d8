package dev.eventbus.camel.metrics;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventbus.camel.transport.PartitionStatus;
import dev.eventbus.camel.transport.SubscriptionState;
import dev.eventbus.camel.transport.SubscriptionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lag gauges follow the partitions a member holds; unknown lag is NaN; closing removes every gauge. */
class LagMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<SubscriptionStatus> status = new AtomicReference<>();

    @Test
    void partitionGaugesComeWithTheAssignmentAndGoWithTheRevoke() {
        LagMeters lag = new LagMeters(registry, Tags.of("route", "r"), status::get);
        Gauge total = registry.get(MeterNames.CONSUMER_LAG).gauge();
        assertTrue(Double.isNaN(total.value()), "no status yet");

        status.set(status(new PartitionStatus(0, 10, 10, 5, false), new PartitionStatus(1, 3, 4, 7, true)));
        await().until(() -> total.value() == 12);
        assertEquals(5, partition("0").value());
        assertEquals(7, partition("1").value());

        // partition 0 moved to another member; partition 1 does not know its lag yet
        status.set(status(new PartitionStatus(1, 3, 4, -1, true)));
        await().until(() -> Double.isNaN(total.value()));
        assertNull(registry.find(MeterNames.CONSUMER_PARTITION_LAG).tag("partition", "0").gauge());
        assertTrue(Double.isNaN(partition("1").value()));

        lag.close();
        assertEquals(List.of(), registry.getMeters());
    }

    @Test
    void aStatusThatFailsIsUnknownLag() {
        LagMeters lag = new LagMeters(registry, Tags.empty(), () -> {
            throw new UnsupportedOperationException("no status");
        });
        assertTrue(Double.isNaN(registry.get(MeterNames.CONSUMER_LAG).gauge().value()));
        lag.close();
    }

    private Gauge partition(String partition) {
        return registry.get(MeterNames.CONSUMER_PARTITION_LAG).tag("partition", partition).gauge();
    }

    private static SubscriptionStatus status(PartitionStatus... partitions) {
        return new SubscriptionStatus(SubscriptionState.RUNNING, true, "localhost", 0, 0, List.of(partitions));
    }
}
