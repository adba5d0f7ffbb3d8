package dev.eventbus.camel.transport.nats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.nats.client.ConsumeOptions;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pulls of one subscription: jnats' simplified {@code consume()} per durable, in batches, on one dispatcher (a
 * jnats thread) shared by the partitions; jnats re-pulls after reconnects. Pull requests expire well before an
 * abandoned message's AckWait ends, so a closed member's requests are gone when its messages are redelivered.
 */
final class NatsPulls {

    private static final Logger LOG = LoggerFactory.getLogger(NatsPulls.class);

    private final NatsConnection connection;
    private final ConsumeOptions options;
    private final List<MessageConsumer> consumers = new ArrayList<>();
    private Dispatcher dispatcher;

    NatsPulls(NatsConnection connection, int maxInFlight, long ackWaitMillis) {
        this.connection = connection;
        this.options = ConsumeOptions.builder()
                .batchSize(Math.max(1, Math.min(500, maxInFlight)))
                .expiresIn(Math.max(1000, Math.min(5000, ackWaitMillis / 2)))
                .build();
    }

    /** Starts pulling {@code durable} of {@code stream}; {@code onMessage} runs on the dispatcher thread. */
    synchronized void pull(String stream, String durable, Consumer<Message> onMessage)
            throws java.io.IOException, JetStreamApiException {
        if (dispatcher == null) {
            dispatcher = connection.connection().createDispatcher();
        }
        consumers.add(connection.connection().getConsumerContext(stream, durable)
                .consume(options, dispatcher, onMessage::accept));
    }

    /** Stops asking for more messages (messages already pulled may still arrive). */
    synchronized void stop() {
        for (MessageConsumer consumer : consumers) {
            try {
                consumer.stop();
            } catch (RuntimeException e) {
                LOG.debug("Stopping a JetStream consumer failed: {}", e.toString());
            }
        }
    }

    /** Closes the consumers and the dispatcher. */
    synchronized void close() {
        for (MessageConsumer consumer : consumers) {
            try {
                consumer.close();
            } catch (Exception e) {
                LOG.debug("Closing a JetStream consumer failed: {}", e.toString());
            }
        }
        consumers.clear();
        if (dispatcher != null) {
            try {
                connection.connection().closeDispatcher(dispatcher);
            } catch (RuntimeException e) {
                LOG.debug("Closing the dispatcher failed: {}", e.toString());
            }
            dispatcher = null;
        }
    }
}
