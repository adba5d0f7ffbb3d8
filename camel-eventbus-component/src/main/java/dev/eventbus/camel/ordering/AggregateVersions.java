package dev.eventbus.camel.ordering;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last processed event version per aggregate, for duplicate suppression. Bounded: it keeps the {@code capacity}
 * most recently used aggregates (LRU) and forgets the rest, so a duplicate of an aggregate that has been quiet for
 * longer than that is not recognised. Not thread-safe: confine one instance to one lane.
 */
public final class AggregateVersions {

    /** {@link #lastProcessed} of an aggregate this instance does not remember. */
    public static final long UNKNOWN = Long.MIN_VALUE;

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
        long[] last = versions.get(aggregateId);
        if (last == null) {
            versions.put(aggregateId, new long[] { version });
        } else if (version > last[0]) {
            last[0] = version;
        }
    }

    /** Aggregates remembered right now. */
    public int size() {
        return versions.size();
    }
}
