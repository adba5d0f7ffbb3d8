package dev.eventbus.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At-least-once order checker across consumers: records every version each aggregate's route processed, in order (a
 * lock per aggregate). Valid when each aggregate's versions go 1, 2, 3 ... with repeats allowed (redelivery after a
 * crash) but never a skipped or backward step.
 */
final class VersionLog {

    private final Map<String, List<Long>> versions = new ConcurrentHashMap<>();

    void processed(String aggregateId, long version) {
        List<Long> list = versions.computeIfAbsent(aggregateId, a -> new ArrayList<>());
        synchronized (list) {
            list.add(version);
        }
    }

    /** The last version processed of {@code aggregateId}, 0 when none. */
    long last(String aggregateId) {
        List<Long> list = versions.get(aggregateId);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return list.isEmpty() ? 0 : list.get(list.size() - 1);
        }
    }

    /** Descriptions of aggregates whose versions skipped or went backwards. */
    List<String> violations() {
        List<String> bad = new ArrayList<>();
        versions.forEach((aggregate, list) -> {
            synchronized (list) {
                long previous = 0;
                for (long v : list) {
                    if (v != previous && v != previous + 1) {
                        bad.add(aggregate + ": " + list);
                        break;
                    }
                    previous = v;
                }
            }
        });
        return bad;
    }

    /** How many versions were processed more than once. */
    long repeats() {
        long n = 0;
        for (List<Long> list : versions.values()) {
            synchronized (list) {
                n += list.size() - list.stream().distinct().count();
            }
        }
        return n;
    }
}
