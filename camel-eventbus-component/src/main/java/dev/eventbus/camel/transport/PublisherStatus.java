package dev.eventbus.camel.transport;

/**
 * A point-in-time view of the broker client behind a {@link Publisher}, for the producer health check. Taking it makes
 * no broker call and never blocks.
 *
 * @param client    names the shared client, unique in the CamelContext (Kafka: the producer's {@code client.id}; NATS:
 *                  {@code nats-<n>}); publishers sharing one client report the same name
 * @param transport the transport's name
 * @param connected whether the client holds a connection to a broker as far as it knows (Kafka: the producer has an
 *                  open connection; NATS: the connection's status is CONNECTED)
 * @param servers   the broker addresses, without credentials
 */
public record PublisherStatus(String client, String transport, boolean connected, String servers) {
}
