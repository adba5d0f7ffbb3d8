package dev.eventbus.camel.ordering;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last processed event version per aggregate, for duplicate suppression, and a hash of the event ids of its last
 * {@value #HISTORY} processed versions, to tell a redelivery from another event claiming an old version. Bounded: it keeps the {@code capacity}
 * most recently used aggregates (LRU) and forgets the rest, so a duplicate of an aggregate that has been quiet for
 * longer than that is not recognised. Not thread-safe: confine one instance to one lane.
 */
public final class AggregateVersions {

    /** {@link #lastProcessed} of an aggregate this instance does not remember. */
    public static final long UNKNOWN = Long.MIN_VALUE;
    /** How many of an aggregate's last processed versions keep their event id (to tell redeliveries from rivals). */
    static final int HISTORY = 4;

    private final Map<String, long[]> versions;

    /** Remembers at most {@code capacity} aggregates. */
    public AggregateVersions(int capacity) {
        int max = Math.max(1, capacity);
        this.versions = new LinkedHashMap<>(Math.min(max, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
                return size() > max;
            }
        };
    }

    /** Whether {@code version} of {@code aggregateId} is at or below the last processed version. */
    public boolean isDuplicate(String aggregateId, long version) {
        long[] last = versions.get(aggregateId);
        return last != null && version <= last[0];
    }

    /** The last processed version of {@code aggregateId}, or {@link #UNKNOWN}. */
    public long lastProcessed(String aggregateId) {
        long[] last = versions.get(aggregateId);
        return last == null ? UNKNOWN : last[0];
    }

    /** Records that {@code version} of {@code aggregateId} was processed. */
    public void processed(String aggregateId, long version) {
        processed(aggregateId, version, null);
    }

    /** Records that event {@code eventId}, version {@code version} of {@code aggregateId}, was processed. */
    public void processed(String aggregateId, long version, String eventId) {
        long[] last = versions.get(aggregateId);
        if (last == null) {
            last = new long[1 + 2 * HISTORY];
            last[0] = version;
            versions.put(aggregateId, last);
        } else if (version > last[0]) {
            last[0] = version;
        }
        // remember the id of this version in the slot of the oldest version remembered
        int slot = 1;
        for (int i = 1; i < last.length; i += 2) {
            if (last[i] == version) {
                slot = i;
                break;
            }
            if (last[i] < last[slot]) {
                slot = i;
            }
        }
        last[slot] = version;
        last[slot + 1] = idHash(eventId);
    }

    /**
     * What is known of {@code eventId} at {@code version} of {@code aggregateId}, for a version at or below the last
     * processed one: {@link Seen#SAME} when that version was processed with this id (a redelivery), {@link Seen#OTHER}
     * when it was processed with another id (a rival event), {@link Seen#UNKNOWN} when the version is older than the
     * last {@value #HISTORY} processed ones (or no id was recorded).
     */
    public Seen seen(String aggregateId, long version, String eventId) {
        long[] last = versions.get(aggregateId);
        if (last == null) {
            return Seen.UNKNOWN;
        }
        for (int i = 1; i < last.length; i += 2) {
            if (last[i] == version && last[i + 1] != 0) {
                return eventId != null && last[i + 1] == idHash(eventId) ? Seen.SAME : Seen.OTHER;
            }
        }
        return Seen.UNKNOWN;
    }

    /** See {@link #seen}. */
    public enum Seen {
        SAME, OTHER, UNKNOWN
    }

    private static long idHash(String eventId) {
        if (eventId == null) {
            return 0;
        }
        long h = 1125899906842597L;
        for (int i = 0; i < eventId.length(); i++) {
            h = 31 * h + eventId.charAt(i);
        }
        return h == 0 ? 1 : h;
    }

    /** Aggregates remembered right now. */
    public int size() {
        return versions.size();
    }
}
