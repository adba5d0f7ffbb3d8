package dev.eventbus.camel.transport.memory;

import dev.eventbus.camel.transport.OffsetWatermark;

/** One subscription group's offset in one memory partition; guarded by the partition's lock. */
final class GroupCursor {

    /** The subscription that currently owns the partition for this group, or null. */
    Object owner;
    /** Incremented on every claim; acks of an earlier epoch are ignored. */
    long epoch;
    /** Next offset to hand out. */
    long fetch;
    /** Offsets below this one were handed out before and are now delivered again. */
    long redeliveredBelow;
    OffsetWatermark watermark;

    GroupCursor(long start) {
        this.fetch = start;
        this.watermark = new OffsetWatermark(start);
    }

    long committed() {
        return watermark.committable();
    }
}
