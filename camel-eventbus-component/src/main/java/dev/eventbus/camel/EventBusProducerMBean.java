package dev.eventbus.camel;

import org.apache.camel.api.management.ManagedAttribute;

/**
 * The JMX attributes of an eventbus producer. With Camel's JMX agent on (camel-management on the classpath), Camel
 * mixes them into the producer's MBean ({@code org.apache.camel:context=...,type=producers,name=EventBusProducer(...)});
 * Camel registers the producers of routes ({@code to("eventbus:...")}), not those of a {@code ProducerTemplate}.
 * Called on JMX threads, any time; every read takes a fresh value.
 */
public interface EventBusProducerMBean {

    @ManagedAttribute(description = "Transport: memory, kafka or nats")
    String getTransport();

    @ManagedAttribute(description = "Topic published to")
    String getTopic();

    /** The producer's counters (not an attribute: each counter is one). */
    ProducerStats getStats();

    @ManagedAttribute(description = "Events the transport accepted (broker acknowledged)")
    default long getEventsPublished() {
        return getStats().eventsPublished();
    }

    @ManagedAttribute(description = "Publishes that failed in the transport (refused, timed out)")
    default long getPublishFailures() {
        return getStats().publishFailures();
    }

    @ManagedAttribute(description = "Events handed to the transport and not yet acknowledged")
    default int getInFlightPublishes() {
        return getStats().inFlightPublishes();
    }
}
