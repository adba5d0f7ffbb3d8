package dev.eventbus.camel.transport.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.transport.SubscriptionSpec;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable pull consumers of one subscription: one per bound partition ({@code <group>-p<k>} on subject
 * {@code <topic>.<k>}, or {@code <group>} on subject {@code <topic>} when unpartitioned), explicit acks, AckWait from
 * the endpoint, created or updated on the server with the gate that keeps each partition's messages in order.
 */
final class NatsDurables {

    private static final Logger LOG = LoggerFactory.getLogger(NatsDurables.class);

    /**
     * A durable bound to one partition, with the gate of that partition and, as its creation returned them, its ack
     * floor (stream sequence) and pending count.
     */
    record Bound(int partition, String name, PartitionGate gate, long ackFloor, long pending) {
    }

    private final NatsConnection connection;
    private final NatsSettings settings;
    private final String stream;
    private final SubscriptionSpec spec;
    private final int maxInFlight;

    NatsDurables(NatsConnection connection, NatsSettings settings, String stream, SubscriptionSpec spec,
            int maxInFlight) {
        this.connection = connection;
        this.settings = settings;
        this.stream = stream;
        this.spec = spec;
        this.maxInFlight = maxInFlight;
    }

    /**
     * The durable consumer name of {@code partition} for {@code groupId}: {@code <group>[-p<k>]}, or
     * {@code <group>_<topic>[-p<k>]} on a stream shared with other topics ({@code topic} not null).
     */
    static String durableName(String groupId, String topic, boolean partitioned, int partition) {
        String base = groupId.replaceAll("[^A-Za-z0-9_-]", "_")
                + (topic == null ? "" : "_" + topic.replaceAll("[^A-Za-z0-9_-]", "_"));
        return partitioned ? base + "-p" + partition : base;
    }

    /** Creates or updates the durable of every bound partition (broker calls). */
    List<Bound> bind() throws IOException, JetStreamApiException {
        boolean partitioned = settings.partitions() > 0 && spec.topic().equals(settings.topic());
        int partitionCount = partitioned ? settings.partitions() : 0;
        int[] bound = partitioned ? settings.boundPartitions() : new int[]{0};
        // a stream that also captures other subjects (a wildcard stream of the Go bus) may carry several topics:
        // their durables must not meet, so the topic goes into the name
        // (a stream forced with stream= keeps the plain names it always had)
        boolean forced = spec.topic().equals(settings.topic()) && settings.stream() != null
                && !settings.stream().isBlank();
        String sharedBy = !forced && capturesOtherSubjects(NatsStreams.subjects(spec.topic(), partitionCount))
                ? spec.topic() : null;
        List<Bound> durables = new ArrayList<>(bound.length);
        for (int partition : bound) {
            String durable = durableName(spec.groupId(), sharedBy, partitioned, partition);
            String subject = NatsStreams.subject(spec.topic(), partitionCount, partition);
            ConsumerInfo info = connection.management().addOrUpdateConsumer(stream, ConsumerConfiguration.builder()
                    .durable(durable)
                    .filterSubject(subject)
                    .ackPolicy(AckPolicy.Explicit)
                    .deliverPolicy(DeliverPolicy.All)
                    .ackWait(Duration.ofMillis(settings.ackWaitMillis()))
                    // room beyond the local bound for held events the consumer released with a delay (nak with
                    // delay: the server still counts them as pending), so a version gap does not stall the durable
                    .maxAckPending(2L * maxInFlight)
                    .maxDeliver(-1)
                    .build());
            PartitionGate gate = PartitionGate.bind(durable, info, settings.ackWaitMillis());
            if (gate.waitsForLeftOvers()) {
                LOG.info("Group {} on stream {}: {} messages left unacked by a previous member; messages wait "
                        + "until they are redelivered, then go on in stream order", spec.groupId(), stream,
                        info.getNumAckPending());
            }
            durables.add(new Bound(partition, durable, gate, info.getAckFloor().getStreamSequence(),
                    info.getNumPending()));
        }
        return durables;
    }

    /** The durable's ack floor from the server; fails at once while disconnected (poll thread). */
    long ackFloor(String durable) throws IOException, JetStreamApiException {
        return info(durable).getAckFloor().getStreamSequence();
    }

    /** The durable's info from the server; fails at once while disconnected (poll thread). */
    ConsumerInfo info(String durable) throws IOException, JetStreamApiException {
        if (connection.connection().getStatus() != io.nats.client.Connection.Status.CONNECTED) {
            throw new IllegalStateException("not connected");
        }
        return connection.management().getConsumerInfo(stream, durable);
    }

    /** Whether the stream captures subjects beyond the topic's own and its dead-letter subject (wildcards included). */
    private boolean capturesOtherSubjects(List<String> own) throws IOException, JetStreamApiException {
        for (String subject : connection.management().getStreamInfo(stream).getConfiguration().getSubjects()) {
            if (!own.contains(subject) && !subject.equals(spec.topic() + ".dlq")) {
                return true;
            }
        }
        return false;
    }
}
