package dev.eventbus.camel.test.deadletter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.eventbus.camel.transport.WireHeaders;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;

/**
 * Reads a NATS dead-letter subject with direct stream reads ({@code getNextMessage}) from the stream that holds the
 * subject; nothing is consumed or acknowledged.
 */
final class NatsDeadLetterReader implements DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(50);
    private final String url;

    NatsDeadLetterReader(String url) {
        this.url = url;
    }

    @Override
    public List<DeadLetter> read(String deadLetterTopic, int count, Duration timeout) {
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection connection = Nats.connect(new Options.Builder().server(url)
                .connectionName("eventbus-test-dead-letter-reader").build())) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            long seq = 1;
            while (letters.size() < count && System.nanoTime() < deadline) {
                MessageInfo next = next(jsm, deadLetterTopic, seq);
                if (next == null) {
                    Thread.sleep(POLL.toMillis());
                } else {
                    letters.add(toDeadLetter(next));
                    seq = next.getSeq() + 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + deadLetterTopic, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + deadLetterTopic + " on " + url, e);
        }
        if (letters.size() < count) {
            throw new AssertionError("only " + letters.size() + " of " + count + " dead letters in " + deadLetterTopic
                    + " on " + url + " after " + timeout);
        }
        return letters;
    }

    /** The first message of {@code subject} at or after {@code seq}, or null when none (yet). */
    private static MessageInfo next(JetStreamManagement jsm, String subject, long seq) throws Exception {
        List<String> streams = jsm.getStreamNames(subject);
        if (streams.isEmpty()) {
            return null;
        }
        try {
            return jsm.getNextMessage(streams.get(0), seq, subject);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static DeadLetter toDeadLetter(MessageInfo message) {
        Map<String, String> headers = new LinkedHashMap<>();
        Headers natsHeaders = message.getHeaders();
        if (natsHeaders != null) {
            for (String name : natsHeaders.keySet()) {
                headers.put(name, natsHeaders.getLast(name));
            }
        }
        String reason = headers.get(WireHeaders.DLQ_REASON);
        if (reason != null) {
            headers.put(WireHeaders.DLQ_REASON, URLDecoder.decode(reason, StandardCharsets.UTF_8));
        }
        byte[] data = message.getData() == null ? new byte[0] : message.getData();
        return new DeadLetter(message.getSubject(), null, data, Map.copyOf(headers));
    }
}
