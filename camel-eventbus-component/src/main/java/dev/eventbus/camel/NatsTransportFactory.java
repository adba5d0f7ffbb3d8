package dev.eventbus.camel;

import dev.eventbus.camel.transport.Transport;

/** Turns an endpoint's options into the NATS JetStream transport. */
final class NatsTransportFactory {

    private NatsTransportFactory() {
    }

    static Transport create(EventBusEndpoint endpoint) {
        throw new IllegalArgumentException("eventbus transport 'nats' is not available in this version of camel-eventbus "
                                           + "(endpoint eventbus:" + endpoint.getConfiguration().getTopic() + ")");
    }
}
