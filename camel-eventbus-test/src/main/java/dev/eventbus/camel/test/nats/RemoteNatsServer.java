package dev.eventbus.camel.test.nats;

import dev.eventbus.camel.test.provider.Provider;

/** A server that runs elsewhere, named by {@value NatsTestServer#URL_ENV}. */
record RemoteNatsServer(String serverUrl) implements NatsServer {

    @Override
    public Provider provider() {
        return Provider.REMOTE;
    }
}
