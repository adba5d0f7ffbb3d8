package dev.eventbus.camel.ordering;

import java.util.concurrent.TimeUnit;

/**
 * Per-aggregate resequencing policy for transports whose redeliveries can overtake later events of an aggregate
 * (NATS). Given the aggregate's last processed version it decides what to do with an event:
 * <ul>
 * <li>{@link Kind#PROCESS}: the aggregate is unknown (its first event this consumer sees), or the event is the next
 * version, or it has been held for the timeout already (the gap is given up);</li>
 * <li>{@link Kind#DUPLICATE}: the version is at or below the last processed one (when duplicates are skipped);</li>
 * <li>{@link Kind#HOLD}: the version is above last + 1: hold it back (other events of the aggregate, such as the
 * missing one, go ahead) for the rest of the timeout.</li>
 * </ul>
 * Stateless apart from its timeout; the caller keeps when an event was first held. With a timeout of 0 it never holds.
 */
public final class Resequencer {

    /** Never holds: for transports that deliver each partition in order. */
    public static final Resequencer OFF = new Resequencer(0);

    private final long timeoutNanos;

    /** Holds a later version at most {@code timeoutMillis} for the missing earlier one. */
    public Resequencer(long timeoutMillis) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
    }

    /** Whether this resequencer may hold events. */
    public boolean enabled() {
        return timeoutNanos > 0;
    }

    /**
     * Decides about version {@code version} of {@code aggregateId}.
     *
     * @param versions        the lane's last processed versions
     * @param skipDuplicates  whether versions at or below the last processed one are duplicates
     * @param heldSinceNanos  when the event was first held ({@link System#nanoTime()}), or 0 when it was not
     * @param nowNanos        now, on the {@link System#nanoTime()} clock
     */
    public Decision decide(AggregateVersions versions, String aggregateId, long version, boolean skipDuplicates,
            long heldSinceNanos, long nowNanos) {
        long last = versions.lastProcessed(aggregateId);
        if (last == AggregateVersions.UNKNOWN) {
            return Decision.PROCESS;
        }
        if (version <= last) {
            return skipDuplicates ? Decision.DUPLICATE : Decision.PROCESS;
        }
        if (version == last + 1 || !enabled()) {
            return Decision.PROCESS;
        }
        long held = heldSinceNanos == 0 ? 0 : nowNanos - heldSinceNanos;
        if (held >= timeoutNanos) {
            return Decision.PROCESS;
        }
        return new Decision(Kind.HOLD, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos - held)));
    }

    /** What to do with an event. */
    public enum Kind {
        /** Run it now. */
        PROCESS,
        /** Skip (and ack) it: already processed. */
        DUPLICATE,
        /** Hold it back for {@link Decision#holdMillis()} or until another event of its aggregate completed. */
        HOLD
    }

    /**
     * A decision.
     *
     * @param kind       what to do
     * @param holdMillis for {@link Kind#HOLD}: how much longer the event may be held
     */
    public record Decision(Kind kind, long holdMillis) {
        /** Run it now. */
        public static final Decision PROCESS = new Decision(Kind.PROCESS, 0);
        /** Skip it. */
        public static final Decision DUPLICATE = new Decision(Kind.DUPLICATE, 0);
    }
}
