package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream and subject naming, and stream provisioning. Topic {@code orders} lives in stream {@code ORDERS} (upper case,
 * characters other than letters, digits, {@code -} and {@code _} replaced by {@code _}) on subject {@code orders}, or
 * on subjects {@code orders.0 .. orders.N-1} when partitioned; its dead-letter topic {@code orders.dlq} in stream
 * {@code ORDERS_DLQ} on subject {@code orders.dlq}. Partition subjects are listed one by one, never as a wildcard, so
 * they cannot overlap the dead-letter subject. Those names apply only to streams the endpoint creates: a stream that
 * already captures the subjects (for example one the Go event bus created, named {@code STREAM_orders} or capturing
 * {@code orders.>}) is used whatever its name ({@link #resolve}).
 */
final class NatsStreams {

    private static final Logger LOG = LoggerFactory.getLogger(NatsStreams.class);
    private static final int NOT_FOUND = 10059;

    private NatsStreams() {
    }

    /** The default stream name of {@code topic}. */
    static String streamName(String topic) {
        return topic.toUpperCase(Locale.ROOT).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** The subject of {@code partition} of {@code topic}; the topic itself when it is not partitioned. */
    static String subject(String topic, int partitions, int partition) {
        return partitions > 0 ? topic + "." + partition : topic;
    }

    /** Every subject of a topic with {@code partitions} partitions (0: unpartitioned). */
    static List<String> subjects(String topic, int partitions) {
        if (partitions <= 0) {
            return List.of(topic);
        }
        List<String> subjects = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            subjects.add(topic + "." + p);
        }
        return subjects;
    }

    /**
     * The stream of {@code topic}: {@code forced} (the {@code stream} option) when set, checked or created by
     * {@link #ensure}; else the existing stream that captures every one of {@code subjects}, whatever its name; else
     * the stream {@link #streamName} created (or checked) by {@link #ensure}.
     *
     * @throws IllegalStateException when the subjects are captured by several streams, or only some of them by one
     * @throws IOException           when a stream request fails or times out
     */
    static String resolve(JetStreamManagement jsm, NatsSettings settings, String topic, String forced,
            List<String> subjects)
            throws IOException {
        if (forced != null) {
            ensure(jsm, settings, topic, forced, subjects);
            return forced;
        }
        String found = find(jsm, topic, subjects);
        if (found != null) {
            LOG.info("Topic {} uses the existing NATS stream {}, which captures its subjects {}", topic, found,
                    subjects);
            return found;
        }
        String stream = streamName(topic);
        ensure(jsm, settings, topic, stream, subjects);
        return stream;
    }

    /**
     * The one stream that captures every subject of {@code subjects}; null when no stream captures any of them.
     *
     * @throws IllegalStateException when the subjects are split over several streams, or one captures only some
     */
    static String find(JetStreamManagement jsm, String topic, List<String> subjects) throws IOException {
        Map<String, List<String>> byStream = new TreeMap<>();
        List<String> uncaptured = new ArrayList<>();
        for (String subject : subjects) {
            List<String> names = streamsCapturing(jsm, subject);
            if (names.isEmpty()) {
                uncaptured.add(subject);
            }
            for (String name : names) {
                byStream.computeIfAbsent(name, n -> new ArrayList<>()).add(subject);
            }
        }
        if (byStream.isEmpty()) {
            return null;
        }
        if (byStream.size() == 1 && uncaptured.isEmpty()) {
            return byStream.keySet().iterator().next();
        }
        throw new IllegalStateException(
                "the subjects " + subjects + " of topic '" + topic + "' must all be in one NATS "
                        + "stream, but they are captured by streams " + byStream
                        + (uncaptured.isEmpty() ? "" : " and " + uncaptured + " by none")
                        + " (capture them in one stream, check partitions, or set stream=)");
    }

    private static List<String> streamsCapturing(JetStreamManagement jsm, String subject) throws IOException {
        try {
            return jsm.getStreamNames(subject);
        } catch (JetStreamApiException e) {
            throw new IOException("listing the streams of subject '" + subject + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes sure {@code stream} exists and captures {@code subjects}, creating it when allowed.
     *
     * @throws IllegalStateException when it is missing and may not be created, or exists with other subjects
     */
    static void ensure(JetStreamManagement jsm, NatsSettings settings, String topic, String stream,
            List<String> subjects) {
        try {
            StreamInfo info = describe(jsm, stream);
            if (info != null) {
                List<String> have = info.getConfiguration().getSubjects();
                if (!new HashSet<>(have).containsAll(subjects)) {
                    throw new IllegalStateException(
                            "NATS stream '" + stream + "' of topic '" + topic + "' exists with subjects "
                                    + have + " but the endpoint needs " + subjects
                                    + " (check partitions, or set stream= to another stream)");
                }
                return;
            }
            if (!settings.autoCreateStreams()) {
                throw new IllegalStateException(
                        "NATS stream '" + stream + "' of topic '" + topic + "' does not exist on "
                                + settings.servers() + " and autoCreateStreams=false; create it with subjects "
                                + subjects + " or allow autoCreateStreams");
            }
            StreamConfiguration.Builder config = StreamConfiguration.builder()
                    .name(stream)
                    .subjects(subjects)
                    .storageType(StorageType.File)
                    .retentionPolicy(RetentionPolicy.get(settings.retention().toLowerCase(Locale.ROOT)))
                    .duplicateWindow(Duration.ofMillis(settings.duplicateWindowMillis()))
                    .replicas(settings.replicas());
            if (settings.maxAgeMillis() > 0) {
                config.maxAge(Duration.ofMillis(settings.maxAgeMillis()));
            }
            try {
                jsm.addStream(config.build());
                LOG.info("Created NATS stream {} with subjects {}", stream, subjects);
            } catch (JetStreamApiException e) {
                // created concurrently by another endpoint: check what is there now
                StreamInfo now = describe(jsm, stream);
                if (now == null || !new HashSet<>(now.getConfiguration().getSubjects()).containsAll(subjects)) {
                    throw new IllegalStateException(
                            "could not create NATS stream '" + stream + "' with subjects " + subjects
                                    + " on " + settings.servers() + ": " + e.getMessage(),
                            e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not provision NATS stream '" + stream + "' on " + settings.servers()
                    + ": " + e, e);
        }
    }

    private static StreamInfo describe(JetStreamManagement jsm, String stream) throws IOException {
        try {
            return jsm.getStreamInfo(stream);
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NOT_FOUND || e.getErrorCode() == 404) {
                return null;
            }
            throw new IOException("stream info of '" + stream + "' failed: " + e.getMessage(), e);
        }
    }
}
