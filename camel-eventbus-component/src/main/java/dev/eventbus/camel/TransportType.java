package dev.eventbus.camel;

/** The broker an {@code eventbus:} endpoint talks to. */
public enum TransportType {
    /** In-JVM topics shared by the endpoints of one CamelContext (the default). */
    memory,
    /** Apache Kafka. */
    kafka,
    /** NATS JetStream. */
    nats
}
