package dev.eventbus.camel.test;

import dev.eventbus.camel.test.deadletter.DeadLetterReader;
import dev.eventbus.camel.test.junit.EventBusNats;
import dev.eventbus.camel.test.nats.NatsServer;
import dev.eventbus.camel.test.provider.Provider;
import org.apache.camel.CamelContext;

/** {@link BrokerKitChecks} on the kit's NATS JetStream server, injected by {@link EventBusNats}. */
@EventBusNats
class NatsCamelTestSupportIT extends BrokerKitChecks {

    private NatsServer server;

    @Override
    protected void configure(CamelContext camel) {
        server.configure(camel);
    }

    @Override
    protected Provider provider() {
        return server.provider();
    }

    @Override
    protected DeadLetterReader deadLetters() {
        return DeadLetterReader.nats(server.serverUrl());
    }
}
