package dev.eventbus.camel.transport;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A publish that was not (fully) accepted by the transport; names the failed records by their batch index. */
public class PublishException extends RuntimeException {

    private final SortedMap<Integer, Throwable> failures;

    /** Creates the exception from the failed batch indexes and their causes. */
    public PublishException(String topic, int batchSize, Map<Integer, Throwable> failures) {
        super(describe(topic, batchSize, failures), failures.isEmpty() ? null : failures.values().iterator().next());
        this.failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    /** The failed records: batch index to cause. */
    public SortedMap<Integer, Throwable> failures() {
        return failures;
    }

    private static String describe(String topic, int batchSize, Map<Integer, Throwable> failures) {
        String items = new TreeMap<>(failures).entrySet().stream()
                .map(e -> "item " + e.getKey() + ": " + e.getValue().getMessage())
                .collect(Collectors.joining("; "));
        return failures.size() + " of " + batchSize + " events were not published to '" + topic + "': " + items;
    }
}
