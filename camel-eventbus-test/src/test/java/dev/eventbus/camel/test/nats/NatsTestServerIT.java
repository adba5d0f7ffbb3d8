package dev.eventbus.camel.test.nats;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local nats-server process: retries on a taken port, kills what it started on a timeout, cleans up on close. */
class NatsTestServerIT {

    @Test
    void portTakenBeforeTheServerBindsIsRetriedOnAFreshPort() throws Exception {
        try (ServerSocket thief = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Iterator<Integer> ports = List.of(thief.getLocalPort(), NatsTestServer.freePort()).iterator();
            IntSupplier supplier = ports::next;
            NatsTestServer server = NatsTestServer.start(null, supplier, NatsTestServer.executable(),
                    Duration.ofSeconds(15));
            try {
                assertNotEquals(thief.getLocalPort(), server.port(), "started on the port another process holds");
                try (Connection connection = Nats.connect(server.serverUrl())) {
                    assertEquals(Connection.Status.CONNECTED, connection.getStatus());
                }
            } finally {
                server.close();
            }
        }
    }

    @Test
    void serverThatDoesNotStartInTimeIsKilled() throws Exception {
        String marker = "never-ready-" + UUID.randomUUID();
        Path fake = Path.of("target", marker + ".sh").toAbsolutePath();
        // a "nats-server" that never listens; its own command line carries the marker
        Files.writeString(fake, "#!/bin/sh\nwhile :; do sleep 1; done\n");
        assertTrue(fake.toFile().setExecutable(true));

        assertThrows(IllegalStateException.class,
                () -> NatsTestServer.start(null, NatsTestServer::freePort, fake.toString(), Duration.ofSeconds(1)));

        assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains(marker)),
                "the server process still runs after the start timed out");
    }

    @Test
    void closeDeletesTheJetStreamStore() throws Exception {
        NatsTestServer server = NatsTestServer.startNew();
        try (Connection connection = Nats.connect(server.serverUrl())) {
            connection.jetStreamManagement().addStream(StreamConfiguration.builder().name("kit")
                    .subjects("kit.>").storageType(StorageType.File).build());
        }
        Path store = server.storeDir().resolve("jetstream");
        assertTrue(Files.isDirectory(store), "no JetStream store at " + store);

        server.close();

        assertFalse(Files.exists(store), "JetStream store left at " + store);
    }

    @Test
    void stoppedServerStartsAgainWithItsStore() throws IOException, Exception {
        NatsTestServer server = NatsTestServer.startNew();
        try {
            try (Connection connection = Nats.connect(server.serverUrl())) {
                connection.jetStreamManagement().addStream(StreamConfiguration.builder().name("kept")
                        .subjects("kept.>").storageType(StorageType.File).build());
            }
            server.stop();
            server.start();
            try (Connection connection = Nats.connect(server.serverUrl())) {
                assertEquals(List.of("kept"), connection.jetStreamManagement().getStreamNames());
            }
        } finally {
            server.close();
        }
    }

    @Test
    void oldEntryPointGivesTheSelectedSharedServer() {
        assertEquals(NatsServers.shared().serverUrl(), NatsTestServer.url());
    }
}
