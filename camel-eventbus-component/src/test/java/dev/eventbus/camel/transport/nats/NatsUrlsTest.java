package dev.eventbus.camel.transport.nats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NatsUrlsTest {

    @Test
    void masksPasswordsAndTokensInServerUrls() {
        assertEquals("nats://alice:xxxxxx@h1:4222,nats://xxxxxx@h2:4222,tls://h3:4222",
                NatsUrls.redact("nats://alice:s3cr@t@h1:4222,nats://tok3n@h2:4222,tls://h3:4222"));
        assertEquals("Unable to connect to NATS servers: [nats://bob:xxxxxx@127.0.0.1:1, nats://xxxxxx@[::1]:2]",
                NatsUrls.redact("Unable to connect to NATS servers: [nats://bob:pw@127.0.0.1:1, nats://t@[::1]:2]"));
        assertEquals("nats://127.0.0.1:4222", NatsUrls.redact("nats://127.0.0.1:4222"));
        assertEquals(null, NatsUrls.redact(null));
    }

    @Test
    void settingsShowServersMasked() {
        NatsSettings settings = new NatsSettings("nats://alice:pw@h:1", null, "t", null, 0, null, true, 1000, "limits",
                0, 1, 1000, 10, 1000, 10_000);
        assertEquals("nats://alice:xxxxxx@h:1", settings.servers());
        assertEquals("nats://alice:pw@h:1", settings.serverUrls());
    }
}
