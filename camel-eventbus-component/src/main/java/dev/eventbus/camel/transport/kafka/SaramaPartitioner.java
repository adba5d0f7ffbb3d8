package dev.eventbus.camel.transport.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.PartitionInfo;

/**
 * The partitioner of the Go event bus's Kafka producer, sarama's default hash partitioner
 * ({@code sarama.NewHashPartitioner}), so that a record keyed by an aggregate id lands on the same partition whether
 * this component or a Go service published it: the FNV-1a 32-bit hash of the key's bytes (UTF-8), taken as a signed
 * 32-bit integer, modulo the number of partitions, negated when negative. This is not kafka-clients' default (murmur2,
 * made positive by masking the sign bit), so for most keys the two pick different partitions.
 * <p>
 * A record without a key goes to a random available partition (any partition when none is available), as sarama sends
 * a message with a nil key to a random partition; the component always keys events by aggregate id, so only dead
 * letters of foreign records without a key take this path. An empty key is a key: it is hashed like any other.
 */
public final class SaramaPartitioner implements Partitioner {

    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    /** The partition sarama's hash partitioner picks for {@code key} among {@code partitions} partitions. */
    public static int partition(byte[] key, int partitions) {
        int partition = fnv1a32(key) % partitions;
        return partition < 0 ? -partition : partition;
    }

    /** FNV-1a, 32 bits (Go's {@code hash/fnv.New32a}), as a signed int. */
    static int fnv1a32(byte[] bytes) {
        int hash = FNV_OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int count = cluster.partitionCountForTopic(topic);
        if (keyBytes != null) {
            return partition(keyBytes, count);
        }
        List<PartitionInfo> available = cluster.availablePartitionsForTopic(topic);
        return available.isEmpty() ? ThreadLocalRandom.current().nextInt(count)
                : available.get(ThreadLocalRandom.current().nextInt(available.size())).partition();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }

    @Override
    public void close() {
        // nothing to release
    }
}
