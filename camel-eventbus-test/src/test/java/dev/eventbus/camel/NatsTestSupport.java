package dev.eventbus.camel;

import java.time.Duration;
import java.util.UUID;

import dev.eventbus.camel.test.nats.NatsServers;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the NATS integration tests: a real nats-server from the test kit ({@link NatsServers#shared()}), a unique topic per test, endpoint
 * URIs, and a plain jnats connection for reading and writing streams the way a foreign client would.
 */
abstract class NatsTestSupport extends EventBusTestSupport {

    protected final String topic = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Connection plain;

    /** The server URL the tests use. */
    protected String serverUrl() {
        return NatsServers.shared().serverUrl();
    }

    /** {@code eventbus:<topic>?transport=nats&servers=...} plus {@code options} ("a=b&c=d"). */
    protected String nats(String topicName, String options) {
        return "eventbus:" + topicName + "?transport=nats&servers=" + serverUrl()
                + (options.isEmpty() ? "" : "&" + options);
    }

    protected String nats(String options) {
        return nats(topic, options);
    }

    /** A plain jnats connection to the test server (closed after the test). */
    protected synchronized Connection plain() throws Exception {
        if (plain == null) {
            plain = Nats.connect(new Options.Builder().server(serverUrl()).connectionName("test-plain").build());
        }
        return plain;
    }

    protected JetStreamManagement jsm() throws Exception {
        return plain().jetStreamManagement();
    }

    /** The stored message {@code seq} of {@code stream}. */
    protected MessageInfo stored(String stream, long seq) throws Exception {
        return jsm().getMessage(stream, seq);
    }

    protected long streamMessages(String stream) throws Exception {
        return jsm().getStreamInfo(stream).getStreamState().getMsgCount();
    }

    @AfterEach
    void closePlain() throws InterruptedException {
        if (plain != null) {
            plain.close();
            plain = null;
        }
    }

    protected static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
