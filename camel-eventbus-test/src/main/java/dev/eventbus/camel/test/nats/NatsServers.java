package dev.eventbus.camel.test.nats;

import dev.eventbus.camel.test.provider.Provider;
import dev.eventbus.camel.test.provider.ProviderSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NATS JetStream server shared by the tests of a JVM, from the provider that {@link ProviderSelection} picks for
 * {@value NatsTestServer#URL_ENV}: that remote server, a Testcontainers container when a Docker engine answers, else
 * a local {@link NatsTestServer} process. Logs one line saying which.
 */
public final class NatsServers {

    private static final Logger LOG = LoggerFactory.getLogger(NatsServers.class);
    private static NatsServer shared;
    private static RuntimeException sharedFailure;

    private NatsServers() {
    }

    /** The shared server, started on the first call; if that failed, every call fails the same way at once. */
    public static synchronized NatsServer shared() {
        if (shared == null) {
            if (sharedFailure != null) {
                throw new IllegalStateException("the shared NATS test server failed to start earlier", sharedFailure);
            }
            Provider provider = ProviderSelection.select(NatsTestServer.URL_ENV);
            try {
                shared = switch (provider) {
                    case REMOTE -> new RemoteNatsServer(System.getenv(NatsTestServer.URL_ENV).trim());
                    case TESTCONTAINERS -> NatsContainerServer.start();
                    case LOCAL -> NatsTestServer.sharedProcess();
                };
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
            LOG.info("eventbus test kit: NATS server {} from provider {} ({})", shared.serverUrl(), provider,
                    switch (provider) {
                        case REMOTE -> "environment variable " + NatsTestServer.URL_ENV;
                        case TESTCONTAINERS -> "Docker engine found, image " + NatsContainerServer.IMAGE;
                        case LOCAL -> "no Docker engine: nats-server " + NatsTestServer.executable();
                    });
        }
        return shared;
    }
}
