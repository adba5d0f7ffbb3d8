package dev.eventbus.camel.transport.memory;

import dev.eventbus.camel.transport.TransportOptions;

/** The endpoint options of the memory transport. */
public interface MemoryOptions extends TransportOptions {

    /** Events a partition keeps until every group consumed them; producers wait when it is full. */
    int getCapacity();
}
