package dev.eventbus.camel.transport.nats;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The {@link PartitionGate}s of a subscription's bound partitions. Poll thread only after start. */
final class PartitionGates {

    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Map<Integer, PartitionGate> gates = new HashMap<>();
    private final SubscriptionFaults faults;
    private long nextCheck;

    PartitionGates(SubscriptionFaults faults) {
        this.faults = faults;
    }

    void put(int partition, PartitionGate gate) {
        gates.put(partition, gate);
    }

    /** Passes each of {@code received} (in the order received) to {@code out} unless its partition's gate keeps it. */
    void admit(List<NatsDelivery> received, Consumer<NatsDelivery> out) {
        long now = System.nanoTime();
        for (NatsDelivery delivery : received) {
            PartitionGate gate = gates.get(delivery.partition());
            if (gate == null || !gate.keeps(delivery, now)) {
                out.accept(delivery);
            }
        }
    }

    /**
     * Every 20 ms: passes kept deliveries that may go now to {@code out}, in stream order per partition (they are newer
     * than what was passed of their partition before).
     */
    void releaseDue(long nowNanos, Consumer<NatsDelivery> out) {
        if (nowNanos - nextCheck < 0) {
            return;
        }
        nextCheck = nowNanos + CHECK_NANOS;
        long opened = 0;
        long timedOut = 0;
        for (PartitionGate gate : gates.values()) {
            if (gate.holding()) {
                gate.release(nowNanos, out);
            }
            opened += gate.gaps().opened();
            timedOut += gate.gaps().timedOut();
        }
        faults.gaps(opened, timedOut);
    }

    /**
     * Gives {@code deliveries} back unprocessed (nak); later messages of their partitions wait for the redeliveries.
     */
    void giveBack(Collection<NatsDelivery> deliveries) {
        long now = System.nanoTime();
        for (NatsDelivery delivery : deliveries) {
            PartitionGate gate = gates.get(delivery.partition());
            if (delivery.defer(0) && gate != null) {
                gate.givenBack(delivery, now);
            }
        }
    }
}
