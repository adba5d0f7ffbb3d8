package dev.eventbus.camel.transport.nats;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PartitionGate}s of a subscription's bound partitions. While a barrier or gap is open it asks the server
 * for the durable's ack floor every 250 ms (one request, on the poll thread). Poll thread only after start.
 */
final class PartitionGates {

    private static final Logger LOG = LoggerFactory.getLogger(NatsSubscription.class);
    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long FLOOR_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** Asks the server for a durable's ack floor (stream sequence). */
    @FunctionalInterface
    interface AckFloors {
        long ackFloor(String durable) throws Exception;
    }

    private final Map<Integer, PartitionGate> gates = new HashMap<>();
    private final SubscriptionFaults faults;
    private final AckFloors ackFloors;
    private long nextCheck;
    private long nextFloorCheck;

    PartitionGates(SubscriptionFaults faults, AckFloors ackFloors) {
        this.faults = faults;
        this.ackFloors = ackFloors;
    }

    void put(int partition, PartitionGate gate) {
        gates.put(partition, gate);
    }

    /**
     * Passes each of {@code received} (in the order received) to {@code out} unless its partition's gate keeps it. Should
     * that fail, the ones not passed or kept are given back (nak) rather than left queued nowhere and kept alive forever.
     */
    void admit(List<NatsDelivery> received, Consumer<NatsDelivery> out) {
        long now = System.nanoTime();
        int i = 0;
        try {
            for (; i < received.size(); i++) {
                NatsDelivery delivery = received.get(i);
                PartitionGate gate = gates.get(delivery.partition());
                if (gate == null || !gate.keeps(delivery, now)) {
                    out.accept(delivery);
                }
            }
        } catch (RuntimeException | Error e) {
            giveBack(received.subList(i, received.size()));
            throw e;
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
        boolean checkFloors = nowNanos - nextFloorCheck >= 0;
        if (checkFloors) {
            nextFloorCheck = nowNanos + FLOOR_CHECK_NANOS;
        }
        long opened = 0;
        long timedOut = 0;
        long competed = 0;
        for (PartitionGate gate : gates.values()) {
            if (gate.holding()) {
                if (checkFloors && gate.awaitsAckFloor()) {
                    askAckFloor(gate);
                }
                gate.release(nowNanos, out);
            }
            opened += gate.gaps().opened();
            timedOut += gate.gaps().timedOut();
            competed += gate.gaps().competed();
        }
        faults.gaps(opened, timedOut, competed);
    }

    private void askAckFloor(PartitionGate gate) {
        try {
            gate.ackFloor(ackFloors.ackFloor(gate.durable()), System.nanoTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Cannot read the ack floor of durable {}: {}", gate.durable(), e.toString());
        }
    }

    /**
     * Gives {@code deliveries} back unprocessed (nak); later messages of their partitions wait for the redeliveries.
     */
    void giveBack(Collection<NatsDelivery> deliveries) {
        long now = System.nanoTime();
        for (NatsDelivery delivery : deliveries) {
            PartitionGate gate = gates.get(delivery.partition());
            if (delivery.release(0) && gate != null) {
                try {
                    gate.givenBack(delivery, now);
                } catch (RuntimeException e) {
                    LOG.debug("Cannot note a given-back message: {}", e.toString());
                }
            }
        }
    }
}
