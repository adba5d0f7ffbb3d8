package dev.eventbus.camel.test.nats;

import dev.eventbus.camel.test.provider.Provider;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code nats-server -js} in a container ({@value #IMAGE}), started with Testcontainers (which has no NATS module: a
 * generic container); stopped and removed when the JVM exits (a shutdown hook, so also without Testcontainers' Ryuk,
 * e.g. {@code TESTCONTAINERS_RYUK_DISABLED=true}). Loaded only when Testcontainers is on the
 * classpath and a Docker engine answers.
 */
final class NatsContainerServer implements NatsServer {

    /** The image. */
    static final String IMAGE = "nats:2.11";
    private static final int CLIENT_PORT = 4222;
    private final GenericContainer<?> container;

    private NatsContainerServer(GenericContainer<?> container) {
        this.container = container;
    }

    /** Starts a container with JetStream and waits until the server is ready; it is stopped at JVM exit. */
    @SuppressWarnings("resource")
    static NatsContainerServer start() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withCommand("-js")
                .withExposedPorts(CLIENT_PORT)
                .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1));
        // registered before start(): a container that fails half-way is removed too (stop() does nothing unstarted)
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "eventbus-test-nats-container-stop"));
        container.start();
        return new NatsContainerServer(container);
    }

    @Override
    public String serverUrl() {
        return "nats://" + container.getHost() + ":" + container.getMappedPort(CLIENT_PORT);
    }

    @Override
    public Provider provider() {
        return Provider.TESTCONTAINERS;
    }

    @Override
    public String toString() {
        return "NatsContainerServer[" + serverUrl() + ", " + IMAGE + "]";
    }
}
