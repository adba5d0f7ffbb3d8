package dev.eventbus.camel.transport.nats;

import java.util.Arrays;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * What the NATS JetStream transport of one endpoint needs. Holds credentials: {@link #toString()} prints none of them.
 *
 * @param serverUrls          comma-separated server URLs, as configured (may hold credentials: connect only)
 * @param auth                credentials and TLS
 * @param topic               the endpoint's topic: the only one published to partition subjects
 * @param stream              stream name of {@code topic}, or null for the derived name
 * @param partitions          partitions of {@code topic}: subjects {@code <topic>.0 .. <topic>.N-1}; 0 for subject {@code <topic>}
 * @param consumePartitions   partitions a subscription binds (all when null)
 * @param autoCreateStreams   create missing streams in {@code prepare}
 * @param duplicateWindowMillis duplicate window of created streams
 * @param retention           retention policy of created streams (limits, interest, workqueue)
 * @param maxAgeMillis        max age of created streams, 0 for none
 * @param replicas            replicas of created streams
 * @param ackWaitMillis       consumer AckWait
 * @param maxPendingPublishes publishes awaiting their ack per connection
 * @param publishTimeoutMillis how long a publish may wait for room and for its ack
 * @param startTimeoutMillis  bound on the first connection, and on the stream provisioning of one {@code prepare}
 */
public record NatsSettings(String serverUrls, NatsAuth auth, String topic, String stream, int partitions,
        int[] consumePartitions, boolean autoCreateStreams, long duplicateWindowMillis,
        String retention, long maxAgeMillis, int replicas, long ackWaitMillis,
        int maxPendingPublishes, long publishTimeoutMillis, long startTimeoutMillis) {

    public NatsSettings {
        Objects.requireNonNull(serverUrls, "servers");
        auth = auth == null ? NatsAuth.NONE : auth;
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 1 (was " + partitions + ")");
        }
        if (maxPendingPublishes < 1) {
            throw new IllegalArgumentException("maxPendingPublishes must be >= 1 (was " + maxPendingPublishes + ")");
        }
        if (consumePartitions != null) {
            consumePartitions = consumePartitions.clone();
            for (int p : consumePartitions) {
                if (p < 0 || p >= Math.max(1, partitions)) {
                    throw new IllegalArgumentException("consumePartitions names partition " + p + " but topic '" + topic
                            + "' has " + Math.max(1, partitions) + " (set partitions=N)");
                }
            }
        }
    }

    /** The server URLs for log lines and messages: credentials in them masked ({@code nats://user:xxxxxx@host}). */
    public String servers() {
        return NatsUrls.redact(serverUrls);
    }

    /** The partitions a subscription binds: {@code consumePartitions}, or all. */
    public int[] boundPartitions() {
        if (consumePartitions != null) {
            return consumePartitions.clone();
        }
        int[] all = new int[Math.max(1, partitions)];
        Arrays.setAll(all, i -> i);
        return all;
    }

    /**
     * Parses a partition list such as {@code 0-3} or {@code 0,2,4-5} into sorted distinct partitions.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    public static int[] parsePartitions(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        java.util.TreeSet<Integer> result = new java.util.TreeSet<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(p.substring(0, dash).trim());
                    int to = Integer.parseInt(p.substring(dash + 1).trim());
                    if (from > to) {
                        throw new IllegalArgumentException("range " + p + " is reversed");
                    }
                    for (int i = from; i <= to; i++) {
                        result.add(i);
                    }
                } else {
                    result.add(Integer.parseInt(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("consumePartitions '" + spec + "': '" + p
                        + "' is not a partition or range (use 0-3 or 0,2,4-5)");
            }
        }
        return result.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Credentials and TLS of a connection; never printed. */
    public record NatsAuth(String username, String password, String token, String credentialsFilePath, String nkeySeed,
            boolean secure, SSLContext sslContext) {

        /** No credentials, no TLS. */
        public static final NatsAuth NONE = new NatsAuth(null, null, null, null, null, false, null);

        @Override
        public String toString() {
            return "NatsAuth[user=" + (username != null) + ", token=" + (token != null) + ", creds="
                    + (credentialsFilePath != null) + ", nkey=" + (nkeySeed != null) + ", tls="
                    + (secure || sslContext != null)
                    + "]";
        }
    }

    @Override
    public String toString() {
        return "NatsSettings[servers=" + servers() + ", topic=" + topic + ", stream=" + stream + ", partitions="
                + partitions
                + ", consumePartitions=" + Arrays.toString(consumePartitions) + ", " + auth + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
