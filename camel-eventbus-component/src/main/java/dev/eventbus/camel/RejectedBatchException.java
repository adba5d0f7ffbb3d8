package dev.eventbus.camel;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A batch publish refused before anything was sent, because some items are not valid events; names every item. */
public class RejectedBatchException extends IllegalArgumentException {

    private final SortedMap<Integer, RuntimeException> failures;

    /** Creates the exception from the failed batch indexes and why each failed. */
    public RejectedBatchException(int batchSize, SortedMap<Integer, RuntimeException> failures) {
        super(failures.size() + " of " + batchSize + " events in the batch are invalid, nothing was published: "
                + failures.entrySet().stream().map(e -> "item " + e.getKey() + ": " + e.getValue().getMessage())
                        .collect(Collectors.joining("; ")),
                failures.values().iterator().next());
        this.failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    }

    /** Batch index to the reason the item was refused. */
    public SortedMap<Integer, RuntimeException> failures() {
        return failures;
    }
}
