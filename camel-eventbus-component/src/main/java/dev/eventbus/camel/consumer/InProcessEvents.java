package dev.eventbus.camel.consumer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The events each lane started and has not finished: in process, waiting for a redelivery (its aggregate parked), or
 * held back for an earlier version of its aggregate. Per lane the events form a list through their own
 * {@link InboundEvent} fields (nothing is allocated per event), oldest first, changed only by the lane's thread; the lane
 * publishes the head of its list, its oldest event, in a slot that {@link #oldest()} reads from any thread without a
 * lock (a release write when the head changes, an acquire read per lane).
 * <p>
 * Lane threads call {@link #started} and {@link #finished}; a health check's thread calls {@link #oldest()}.
 */
public final class InProcessEvents {

    /** Per lane: its newest unfinished event (lane thread only). */
    private final InboundEvent[] newest;
    /** Per lane: its oldest unfinished event, published for other threads. */
    private final AtomicReferenceArray<InboundEvent> oldest;

    /** @param lanes number of lanes */
    public InProcessEvents(int lanes) {
        this.newest = new InboundEvent[lanes];
        this.oldest = new AtomicReferenceArray<>(lanes);
    }

    /** Lane thread: the lane works on the event (first attempt: it is added; later attempts change nothing). */
    void started(int lane, InboundEvent event) {
        if (event.tracked) {
            return;
        }
        if (event.startedNanos == 0) {
            long now = System.nanoTime();
            event.startedNanos = now == 0 ? 1 : now;
        }
        event.tracked = true;
        InboundEvent tail = newest[lane];
        event.older = tail;
        event.newer = null;
        newest[lane] = event;
        if (tail == null) {
            oldest.setRelease(lane, event);
        } else {
            tail.newer = event;
        }
    }

    /** Lane thread: the lane is done with the event (completed, dead-lettered or released to the broker). */
    void finished(int lane, InboundEvent event) {
        if (!event.tracked) {
            return;
        }
        event.tracked = false;
        InboundEvent older = event.older;
        InboundEvent newer = event.newer;
        if (newer == null) {
            newest[lane] = older;
        } else {
            newer.older = older;
        }
        if (older == null) {
            oldest.setRelease(lane, newer);
        } else {
            older.newer = newer;
        }
        event.older = null;
        event.newer = null;
    }

    /**
     * Any thread: the event that was started longest ago and is not finished, or null when the lanes are idle. Its
     * delivery count is read without synchronisation from the lane's event and may lag by one attempt.
     */
    public OldestEvent oldest() {
        InboundEvent found = null;
        long foundSince = 0;
        for (int lane = 0; lane < oldest.length(); lane++) {
            InboundEvent head = oldest.getAcquire(lane);
            if (head != null && (found == null || head.startedNanos - foundSince < 0)) {
                found = head;
                foundSince = head.startedNanos;
            }
        }
        if (found == null) {
            return null;
        }
        int attempts = found.routeAttempts;
        return new OldestEvent(found.delivery.topic(), found.delivery.partition(), found.delivery.offset(),
                found.laneKey, found.delivery.deliveryCount() + Math.max(0, attempts - 1),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - foundSince));
    }

    /**
     * A snapshot of the oldest unfinished event.
     *
     * @param topic         the topic it was consumed from
     * @param partition     its partition
     * @param offset        its offset in the partition
     * @param aggregateId   its aggregate id (the record key when the record is not an event)
     * @param deliveryCount how many times it was delivered or given to the route, the first time counting 1
     * @param ageMillis     how long ago its lane started it
     */
    public record OldestEvent(String topic, int partition, long offset, String aggregateId, int deliveryCount,
            long ageMillis) {
    }
}
