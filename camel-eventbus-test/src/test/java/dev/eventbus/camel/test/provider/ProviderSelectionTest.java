package dev.eventbus.camel.test.provider;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which provider is picked: remote when named, containers when Docker answers, else a local process. */
class ProviderSelectionTest {

    @Test
    void environmentVariableNamesARemoteBrokerAndDockerIsNotAsked() {
        AtomicInteger asked = new AtomicInteger();
        assertEquals(Provider.REMOTE,
                ProviderSelection.select(null, "kafka-1:9092", () -> asked.incrementAndGet() > 0));
        assertEquals(0, asked.get());
    }

    @Test
    void dockerAvailableMeansTestcontainers() {
        assertEquals(Provider.TESTCONTAINERS, ProviderSelection.select(null, null, () -> true));
        assertEquals(Provider.TESTCONTAINERS, ProviderSelection.select(null, "  ", () -> true));
    }

    @Test
    void neitherMeansALocalProcess() {
        assertEquals(Provider.LOCAL, ProviderSelection.select(null, null, () -> false));
        assertEquals(Provider.LOCAL, ProviderSelection.select("", "", () -> false));
    }

    @Test
    void theSystemPropertyForcesAProvider() {
        assertEquals(Provider.LOCAL, ProviderSelection.select("local", "kafka-1:9092", () -> true));
        assertEquals(Provider.TESTCONTAINERS, ProviderSelection.select(" TestContainers ", null, () -> false));
        assertEquals(Provider.REMOTE, ProviderSelection.select("remote", "nats://n:4222", () -> true));
        assertThrows(IllegalStateException.class, () -> ProviderSelection.select("remote", null, () -> true));
        assertThrows(IllegalArgumentException.class, () -> ProviderSelection.select("podman", null, () -> true));
    }

    @Test
    void withoutTestcontainersThereIsNoDocker() {
        assertFalse(Docker.ask("org.testcontainers.NoSuchFactory"));
    }

    @Test
    void withTestcontainersButNoDockerEngineThereIsNoDocker() {
        // Testcontainers is on this module's test classpath; this machine has no Docker engine
        assertFalse(Docker.isAvailable());
        assertEquals(Provider.LOCAL, ProviderSelection.select(null, null, Docker::isAvailable));
    }
}
