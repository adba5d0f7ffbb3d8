package dev.eventbus.camel.transport.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of one subscription group on one topic. Partitions are spread round-robin over the members in join
 * order; the generation changes with every join and leave so members notice a new assignment.
 */
final class MemoryGroup {

    private final List<Object> members = new ArrayList<>();
    private volatile long generation;

    synchronized void join(Object member) {
        members.add(member);
        generation++;
    }

    synchronized void leave(Object member) {
        if (members.remove(member)) {
            generation++;
        }
    }

    long generation() {
        return generation;
    }

    /** Whether {@code member} should own {@code partition} under the current assignment. */
    synchronized boolean owns(Object member, int partition) {
        return !members.isEmpty() && members.get(partition % members.size()) == member;
    }
}
