package dev.eventbus.camel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import dev.eventbus.camel.consumer.BackoffRedeliveryPolicy;
import dev.eventbus.camel.consumer.RedeliveryPolicy;
import dev.eventbus.camel.transport.kafka.KafkaOptions;
import dev.eventbus.camel.transport.memory.MemoryOptions;
import dev.eventbus.camel.transport.nats.NatsOptions;
import io.nats.client.Connection;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.kafka.KafkaClientFactory;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of an {@code eventbus:} endpoint; every option can also be set on the component. */
@UriParams
public class EventBusConfiguration implements Cloneable, MemoryOptions, KafkaOptions, NatsOptions {

    @UriPath(description = "The topic to publish to or consume from")
    @Metadata(required = true)
    private String topic;

    @UriParam(label = "common", defaultValue = "memory", enums = "memory,kafka,nats",
              description = "The transport: memory (in-JVM topics of this CamelContext), kafka or nats")
    private TransportType transport = TransportType.memory;

    @UriParam(label = "common", defaultValue = "envelope", enums = "envelope,cloudevents-binary,cloudevents-structured",
              description = "The wire format of published events: envelope (the JSON envelope shared with the Go event bus), cloudevents-binary (CloudEvents binary content mode: attributes in ce_ headers, ce- on NATS, the payload as value) or cloudevents-structured (the whole event in the CloudEvents JSON event format, marked by its content type header). Consumers detect each record's format and read all three, so a topic can switch producers one at a time")
    private WireFormat format = WireFormat.envelope;

    @UriParam(label = "common",
              description = "The CloudEvents source attribute of published CloudEvents, and the CamelCloudEventSource header of consumed envelope records; when unset, /eventbus/ followed by the topic name")
    private String cloudEventsSource;

    @UriParam(label = "common", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Bound on the broker calls an endpoint makes when it starts, in milliseconds: the first connection (NATS), provisioning the topic and its dead-letter topic (Kafka topics, NATS streams). When the broker does not answer in time the start fails with an error naming the brokers and this bound (fail fast; restart the route later or let a supervising route controller retry)")
    private long startTimeout = 10_000;

    @UriParam(label = "common",
              description = "Partitions of the topic; events of one aggregate always go to the same partition. Memory and Kafka: partitions of topics this endpoint creates, 8 when unset. NATS: when set, events go to subject {topic}.{partition} (hash of the aggregate id), else to subject {topic}")
    private Integer partitions;

    @UriParam(label = "consumer", defaultValue = "16",
              description = "Number of keyed lanes: events of one aggregate run one at a time, in order, on the lane their aggregate id hashes to; lanes run in parallel")
    private int concurrency = 16;

    @UriParam(label = "consumer", defaultValue = "1000",
              description = "Events buffered or in process per consumer; when reached the consumer stops fetching until events finish (backpressure)")
    private int maxInFlight = 1000;

    @UriParam(label = "consumer",
              description = "Subscription group: consumers with the same group share the topic's partitions, each group gets every event. The memory transport uses group 'default' when unset")
    private String groupId;

    @UriParam(label = "consumer", defaultValue = "payload", enums = "payload,envelope",
              description = "The body of consumed exchanges: payload (the payload JSON as a String, or payloadType) or envelope (the Envelope object); envelope fields are always headers")
    private DeliverMode deliver = DeliverMode.payload;

    @UriParam(label = "consumer",
              description = "A class the payload is unmarshalled to with Jackson (deliver=payload); the JSON String when unset")
    private Class<?> payloadType;

    @UriParam(label = "consumer", defaultValue = "5",
              description = "How many times an event whose route failed is given to the route before it goes to the dead-letter topic")
    private int maxDeliveries = 5;

    @UriParam(label = "consumer", defaultValue = "100", javaType = "java.time.Duration",
              description = "Delay before the first redelivery of a failed event, in milliseconds; it grows by redeliveryBackoffMultiplier per attempt. Other aggregates keep flowing meanwhile")
    private long redeliveryDelay = 100;

    @UriParam(label = "consumer", defaultValue = "2.0",
              description = "Factor by which the redelivery delay grows with each attempt")
    private double redeliveryBackoffMultiplier = 2.0;

    @UriParam(label = "consumer", defaultValue = "10000", javaType = "java.time.Duration",
              description = "Upper bound of the redelivery delay, in milliseconds")
    private long maxRedeliveryDelay = 10_000;

    @UriParam(label = "consumer,advanced",
              description = "A RedeliveryPolicy bean (#name) deciding how often and after which delay a failed event is given to the route again, and which failures are not retryable (dead-lettered at once). Replaces maxDeliveries, redeliveryDelay, redeliveryBackoffMultiplier and maxRedeliveryDelay")
    private RedeliveryPolicy redeliveryPolicy;

    @UriParam(label = "consumer",
              description = "Where undecodable events and events that failed maxDeliveries times go, with the original bytes and a reason header. Default: the topic name followed by .dlq")
    private String deadLetterTopic;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "Skip (and acknowledge) an event whose version is at or below the last processed version of its aggregate")
    private boolean skipDuplicates = true;

    @UriParam(label = "consumer,advanced", defaultValue = "100000",
              description = "How many aggregates the duplicate check remembers (least recently used are forgotten), per consumer")
    private int aggregateCacheSize = 100_000;

    @UriParam(label = "consumer", defaultValue = "60000", javaType = "java.time.Duration",
              description = "The consumer's liveness health check (eventbus-stuck:routeId) is DOWN while an event has been in process, waiting for a redelivery or held back for an earlier version for longer than this, in milliseconds; it names the event's aggregate, offset and delivery count")
    private long stuckEventTimeout = 60_000;

    @UriParam(label = "producer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long a publish may wait for the transport (room in a full memory topic, a broker acknowledgement) before the exchange fails, in milliseconds")
    private long publishTimeout = 30_000;

    @UriParam(label = "producer,advanced",
              description = "The thread pool on which the route continues after a publish that completes asynchronously (a broker acknowledgement), and from which the later waves of a batch are sent; never a broker client thread. Default: one pool per component, up to workerPoolMaxSize threads named eventbus-worker-N. A pool set here is not shut down by the component")
    private ExecutorService workerPool;

    @UriParam(label = "advanced",
              description = "The Micrometer MeterRegistry (an io.micrometer.core.instrument.MeterRegistry) the consumers and producers of this endpoint register their meters in (the eventbus.consumer and eventbus.producer meters, and the Kafka clients' own kafka.consumer and kafka.producer meters). When unset, the single MeterRegistry in the Camel registry is used (as with autowiring; with Spring Boot the application's registry, a CompositeMeterRegistry when there are several); without one, or without micrometer-core on the classpath, nothing is measured. Typed Object so that micrometer-core stays an optional dependency")
    private Object meterRegistry;

    @UriParam(label = "memory", defaultValue = "10000",
              description = "Memory transport: events a partition keeps until every group consumed them; producers wait when it is full")
    private int capacity = 10_000;

    @UriParam(label = "kafka",
              description = "Kafka: the bootstrap servers (host:port,...); required for transport=kafka")
    private String brokers;

    @UriParam(label = "kafka", prefix = "additionalProperties.", multiValue = true,
              description = "Kafka: any Kafka client property, passed to the producer, consumer and admin client as is (e.g. additionalProperties.request.timeout.ms=5000); wins over the options above")
    private Map<String, Object> additionalProperties = new HashMap<>();

    @UriParam(label = "kafka", defaultValue = "1",
              description = "Kafka: replication factor of topics this endpoint creates")
    private short replicationFactor = (short) 1;

    @UriParam(label = "kafka", defaultValue = "true",
              description = "Kafka: create a missing topic (and its dead-letter topic) with partitions and replicationFactor at start; when false a missing topic fails the start")
    private boolean autoCreateTopics = true;

    @UriParam(label = "producer,kafka", defaultValue = "5",
              description = "Kafka: how long the producer waits to fill a batch (linger.ms)")
    private int lingerMs = 5;

    @UriParam(label = "producer,kafka", defaultValue = "65536",
              description = "Kafka: the producer batch size per partition in bytes (batch.size)")
    private int batchSize = 65536;

    @UriParam(label = "producer,kafka", defaultValue = "lz4", enums = "none,gzip,snappy,lz4,zstd",
              description = "Kafka: compression of record batches (compression.type)")
    private String compressionCodec = "lz4";

    @UriParam(label = "producer,kafka", defaultValue = "sarama", enums = "sarama,murmur2",
              description = "Kafka: how a record's key (the aggregate id) picks its partition. sarama: FNV-1a of the key, as the Go event bus (sarama's hash partitioner) does, so an aggregate published by both Go and Java services stays on one partition. murmur2: kafka-clients' default, for Java-only topics and Kafka Streams co-partitioning. Switching a live topic moves its aggregates to other partitions")
    private String partitioner = "sarama";

    @UriParam(label = "consumer,kafka", defaultValue = "500",
              description = "Kafka: records one poll returns at most (max.poll.records)")
    private int maxPollRecords = 500;

    @UriParam(label = "consumer,kafka", javaType = "java.time.Duration",
              description = "Kafka: how long a rebalance waits for the running events of partitions taken away from this consumer before it commits them and lets the partitions go, in milliseconds; events still running then are delivered again to the new owner. Default: the CamelContext's shutdown timeout. Keep it below max.poll.interval.ms")
    private Long revokeTimeout;

    @UriParam(label = "security,kafka",
              description = "Kafka: security.protocol (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL); the client default when unset")
    private String securityProtocol;

    @UriParam(label = "security,kafka",
              description = "Kafka: sasl.mechanism (e.g. PLAIN, SCRAM-SHA-512)")
    private String saslMechanism;

    @UriParam(label = "security,kafka", secret = true,
              description = "Kafka: sasl.jaas.config; never logged")
    private String saslJaasConfig;

    @UriParam(label = "security,kafka",
              description = "Kafka: ssl.truststore.location")
    private String sslTruststoreLocation;

    @UriParam(label = "security,kafka", secret = true,
              description = "Kafka: ssl.truststore.password; never logged")
    private String sslTruststorePassword;

    @UriParam(label = "security,kafka",
              description = "Kafka: ssl.keystore.location")
    private String sslKeystoreLocation;

    @UriParam(label = "security,kafka", secret = true,
              description = "Kafka: ssl.keystore.password; never logged")
    private String sslKeystorePassword;

    @UriParam(label = "security,kafka", secret = true,
              description = "Kafka: ssl.key.password; never logged")
    private String sslKeyPassword;

    @UriParam(label = "advanced,kafka")
    @Metadata(autowired = true,
              description = "Kafka: the camel-kafka KafkaClientFactory that creates the producer and the consumers (from the properties built from the options above), e.g. to wrap the clients for tracing or to hand in kafka-clients' MockProducer/MockConsumer in tests. When unset, a single KafkaClientFactory bean in the registry is used (autowired, as camel-kafka does), else camel-kafka's DefaultKafkaClientFactory. The admin client that provisions topics is created directly (the factory has no admin client)")
    private KafkaClientFactory kafkaClientFactory;

    @UriParam(label = "nats",
              description = "NATS: server URLs (nats://host:port,...); required for transport=nats")
    private String servers;

    @UriParam(label = "nats",
              description = "NATS: the JetStream stream of the topic. Default: the topic in upper case with characters other than letters, digits, - and _ replaced by _ (orders becomes ORDERS, its dead-letter topic orders.dlq becomes ORDERS_DLQ)")
    private String stream;

    @UriParam(label = "nats", defaultValue = "true",
              description = "NATS: create a missing stream (file storage) for the topic and its dead-letter topic at start; when false a missing stream fails the start")
    private boolean autoCreateStreams = true;

    @UriParam(label = "nats", defaultValue = "120000", javaType = "java.time.Duration",
              description = "NATS: the stream duplicate window in milliseconds: a message id (the event id) published again within it is stored once")
    private long duplicateWindow = 120_000;

    @UriParam(label = "nats", defaultValue = "limits", enums = "limits,interest,workqueue",
              description = "NATS: retention policy of streams this endpoint creates")
    private String retention = "limits";

    @UriParam(label = "nats", defaultValue = "0", javaType = "java.time.Duration",
              description = "NATS: how long created streams keep messages, in milliseconds; 0 keeps them until limits apply")
    private long maxAge = 0;

    @UriParam(label = "nats", defaultValue = "1",
              description = "NATS: replicas of streams this endpoint creates")
    private int replicas = 1;

    @UriParam(label = "consumer,nats", defaultValue = "30000", javaType = "java.time.Duration",
              description = "NATS: how long the server waits for an ack before it redelivers, in milliseconds; events that run longer are kept alive with in-progress acks")
    private long ackWait = 30_000;

    @UriParam(label = "consumer,nats", defaultValue = "35000", javaType = "java.time.Duration",
              description = "NATS: how long a later version of an aggregate is held back while an earlier version (redelivered by the server) has not arrived, in milliseconds; then it is processed. Keep it above ackWait: a message lost in transit comes back after ackWait, and if a later version was processed meanwhile it would be skipped as a duplicate")
    private long resequenceTimeout = 35_000;

    @UriParam(label = "consumer,nats",
              description = "NATS: the partitions this consumer binds when the topic is partitioned, as ranges and lists (0-3 or 0,2,4-5); all partitions when unset. Instances that split the partitions share the work while each aggregate stays on one instance")
    private String consumePartitions;

    @UriParam(label = "producer,nats", defaultValue = "1000",
              description = "NATS: publishes awaiting their acknowledgement per connection; publishers wait when it is reached")
    private int maxPendingPublishes = 1000;

    @UriParam(label = "security,nats", secret = true,
              description = "NATS: user name")
    private String username;

    @UriParam(label = "security,nats", secret = true,
              description = "NATS: password; never logged")
    private String password;

    @UriParam(label = "security,nats", secret = true,
              description = "NATS: authentication token; never logged")
    private String token;

    @UriParam(label = "security,nats",
              description = "NATS: path of a .creds file (JWT and NKey seed)")
    private String credentialsFilePath;

    @UriParam(label = "security,nats", secret = true,
              description = "NATS: NKey seed (SU...) for NKey authentication; never logged")
    private String nkey;

    @UriParam(label = "security,nats", defaultValue = "false",
              description = "NATS: use TLS (with sslContextParameters when set, else the JVM default trust store)")
    private boolean secure = false;

    @UriParam(label = "security,nats",
              description = "NATS: TLS configuration")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "advanced,nats",
              description = "NATS: an existing io.nats.client.Connection to use instead of connecting (as camel-nats' connection option); servers and the security options are then not used. The endpoint never closes it: its owner does. A connection made without the event bus's options lacks its reconnect-forever policy and its quiet error listener")
    private Connection connection;

    /** Returns a copy for one endpoint. */
    public EventBusConfiguration copy() {
        try {
            EventBusConfiguration copy = (EventBusConfiguration) clone();
            copy.additionalProperties = new HashMap<>(additionalProperties);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The dead-letter topic: {@link #getDeadLetterTopic()} or {@code <topic>.dlq}. */
    public String resolveDeadLetterTopic() {
        return deadLetterTopic != null && !deadLetterTopic.isBlank() ? deadLetterTopic : topic + ".dlq";
    }

    public String getTopic() {
        return topic;
    }

    /** The topic to publish to or consume from. */
    public void setTopic(String topic) {
        this.topic = topic;
    }

    public TransportType getTransport() {
        return transport;
    }

    /** The transport: memory, kafka or nats. */
    public void setTransport(TransportType transport) {
        this.transport = transport;
    }

    public WireFormat getFormat() {
        return format;
    }

    /** The wire format of published events; consumers read every format. */
    public void setFormat(WireFormat format) {
        this.format = format;
    }

    public String getCloudEventsSource() {
        return cloudEventsSource;
    }

    /** The CloudEvents source attribute; {@code /eventbus/<topic>} when unset. */
    public void setCloudEventsSource(String cloudEventsSource) {
        this.cloudEventsSource = cloudEventsSource;
    }

    /** The CloudEvents source in effect: the option, or {@code /eventbus/<topic>}. */
    public String cloudEventsSourceOrDefault() {
        return cloudEventsSource != null && !cloudEventsSource.isBlank() ? cloudEventsSource : "/eventbus/" + topic;
    }

    public long getStartTimeout() {
        return startTimeout;
    }

    /** Bound on the broker calls of an endpoint's start (connection, topic or stream provisioning), in milliseconds. */
    public void setStartTimeout(long startTimeout) {
        this.startTimeout = startTimeout;
    }

    public Integer getPartitions() {
        return partitions;
    }

    /** Partitions of the topic, or null for the transport's default. */
    public void setPartitions(Integer partitions) {
        this.partitions = partitions;
    }

    public int getConcurrency() {
        return concurrency;
    }

    /** Number of keyed lanes. */
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    /** Events buffered or in process per consumer before backpressure applies. */
    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public String getGroupId() {
        return groupId;
    }

    /** Subscription group. */
    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public DeliverMode getDeliver() {
        return deliver;
    }

    /** The body of consumed exchanges: payload or envelope. */
    public void setDeliver(DeliverMode deliver) {
        this.deliver = deliver;
    }

    public Class<?> getPayloadType() {
        return payloadType;
    }

    /** A class the payload is unmarshalled to with Jackson. */
    public void setPayloadType(Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    /** How many times a failing event is given to the route before it is dead-lettered. */
    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    public long getRedeliveryDelay() {
        return redeliveryDelay;
    }

    /** Delay before the first redelivery, in milliseconds. */
    public void setRedeliveryDelay(long redeliveryDelay) {
        this.redeliveryDelay = redeliveryDelay;
    }

    public double getRedeliveryBackoffMultiplier() {
        return redeliveryBackoffMultiplier;
    }

    /** Factor by which the redelivery delay grows per attempt. */
    public void setRedeliveryBackoffMultiplier(double redeliveryBackoffMultiplier) {
        this.redeliveryBackoffMultiplier = redeliveryBackoffMultiplier;
    }

    public long getStuckEventTimeout() {
        return stuckEventTimeout;
    }

    /**
     * The consumer's liveness health check ({@code eventbus-stuck:<routeId>}) is DOWN while an event has been in
     * process, waiting for a redelivery or held back for an earlier version for longer than this, in milliseconds.
     */
    public void setStuckEventTimeout(long stuckEventTimeout) {
        this.stuckEventTimeout = stuckEventTimeout;
    }

    public long getMaxRedeliveryDelay() {
        return maxRedeliveryDelay;
    }

    /** Upper bound of the redelivery delay, in milliseconds. */
    public void setMaxRedeliveryDelay(long maxRedeliveryDelay) {
        this.maxRedeliveryDelay = maxRedeliveryDelay;
    }

    public RedeliveryPolicy getRedeliveryPolicy() {
        return redeliveryPolicy;
    }

    /**
     * A user's redelivery policy (a delay function, failures that are not retryable); null for the default built from
     * maxDeliveries, redeliveryDelay, redeliveryBackoffMultiplier and maxRedeliveryDelay.
     */
    public void setRedeliveryPolicy(RedeliveryPolicy redeliveryPolicy) {
        this.redeliveryPolicy = redeliveryPolicy;
    }

    /** The redelivery policy in effect: the user's, or the default of the four options. */
    public RedeliveryPolicy resolveRedeliveryPolicy() {
        return redeliveryPolicy != null ? redeliveryPolicy : BackoffRedeliveryPolicy.of(this);
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    /** Dead-letter topic; default {@code <topic>.dlq}. */
    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    public boolean isSkipDuplicates() {
        return skipDuplicates;
    }

    /** Skip events whose version is at or below the aggregate's last processed version. */
    public void setSkipDuplicates(boolean skipDuplicates) {
        this.skipDuplicates = skipDuplicates;
    }

    public int getAggregateCacheSize() {
        return aggregateCacheSize;
    }

    /** How many aggregates the duplicate check remembers per consumer. */
    public void setAggregateCacheSize(int aggregateCacheSize) {
        this.aggregateCacheSize = aggregateCacheSize;
    }

    public long getPublishTimeout() {
        return publishTimeout;
    }

    /** How long a publish may wait for the transport, in milliseconds. */
    public void setPublishTimeout(long publishTimeout) {
        this.publishTimeout = publishTimeout;
    }

    public Object getMeterRegistry() {
        return meterRegistry;
    }

    /**
     * The Micrometer {@code MeterRegistry} the endpoint's consumers and producers register their meters in; when unset,
     * the single one in the Camel registry (Spring Boot's), else none.
     */
    public void setMeterRegistry(Object meterRegistry) {
        this.meterRegistry = meterRegistry;
    }

    public ExecutorService getWorkerPool() {
        return workerPool;
    }

    /**
     * The thread pool on which the route continues after an asynchronously completed publish, instead of the
     * component's default pool; the caller owns it.
     */
    public void setWorkerPool(ExecutorService workerPool) {
        this.workerPool = workerPool;
    }

    public int getCapacity() {
        return capacity;
    }

    /** Memory transport: events a partition keeps before producers wait. */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }

    public String getBrokers() {
        return brokers;
    }

    /** Kafka bootstrap servers. */
    public void setBrokers(String brokers) {
        this.brokers = brokers;
    }

    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    /** Extra Kafka client properties. */
    public void setAdditionalProperties(Map<String, Object> additionalProperties) {
        this.additionalProperties = additionalProperties;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    /** Replication factor of created topics. */
    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public boolean isAutoCreateTopics() {
        return autoCreateTopics;
    }

    /** Create missing Kafka topics at start. */
    public void setAutoCreateTopics(boolean autoCreateTopics) {
        this.autoCreateTopics = autoCreateTopics;
    }

    public int getLingerMs() {
        return lingerMs;
    }

    /** Kafka linger.ms. */
    public void setLingerMs(int lingerMs) {
        this.lingerMs = lingerMs;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** Kafka batch.size. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public String getCompressionCodec() {
        return compressionCodec;
    }

    /** Kafka compression.type. */
    public void setCompressionCodec(String compressionCodec) {
        this.compressionCodec = compressionCodec;
    }

    public String getPartitioner() {
        return partitioner;
    }

    /**
     * Kafka: {@code sarama} (FNV-1a, the Go event bus's partitioner; the default) or {@code murmur2} (kafka-clients'
     * default partitioner).
     */
    public void setPartitioner(String partitioner) {
        this.partitioner = partitioner;
    }

    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    /** Kafka max.poll.records. */
    public void setMaxPollRecords(int maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    public Long getRevokeTimeout() {
        return revokeTimeout;
    }

    /**
     * Kafka: how long a rebalance waits for the running events of revoked partitions, in milliseconds; null uses the
     * CamelContext's shutdown timeout.
     */
    public void setRevokeTimeout(Long revokeTimeout) {
        this.revokeTimeout = revokeTimeout;
    }

    public String getSecurityProtocol() {
        return securityProtocol;
    }

    /** Kafka security.protocol. */
    public void setSecurityProtocol(String securityProtocol) {
        this.securityProtocol = securityProtocol;
    }

    public String getSaslMechanism() {
        return saslMechanism;
    }

    /** Kafka sasl.mechanism. */
    public void setSaslMechanism(String saslMechanism) {
        this.saslMechanism = saslMechanism;
    }

    public String getSaslJaasConfig() {
        return saslJaasConfig;
    }

    /** Kafka sasl.jaas.config. */
    public void setSaslJaasConfig(String saslJaasConfig) {
        this.saslJaasConfig = saslJaasConfig;
    }

    public String getSslTruststoreLocation() {
        return sslTruststoreLocation;
    }

    /** Kafka ssl.truststore.location. */
    public void setSslTruststoreLocation(String sslTruststoreLocation) {
        this.sslTruststoreLocation = sslTruststoreLocation;
    }

    public String getSslTruststorePassword() {
        return sslTruststorePassword;
    }

    /** Kafka ssl.truststore.password. */
    public void setSslTruststorePassword(String sslTruststorePassword) {
        this.sslTruststorePassword = sslTruststorePassword;
    }

    public String getSslKeystoreLocation() {
        return sslKeystoreLocation;
    }

    /** Kafka ssl.keystore.location. */
    public void setSslKeystoreLocation(String sslKeystoreLocation) {
        this.sslKeystoreLocation = sslKeystoreLocation;
    }

    public String getSslKeystorePassword() {
        return sslKeystorePassword;
    }

    /** Kafka ssl.keystore.password. */
    public void setSslKeystorePassword(String sslKeystorePassword) {
        this.sslKeystorePassword = sslKeystorePassword;
    }

    public String getSslKeyPassword() {
        return sslKeyPassword;
    }

    /** Kafka ssl.key.password. */
    public void setSslKeyPassword(String sslKeyPassword) {
        this.sslKeyPassword = sslKeyPassword;
    }

    public String getServers() {
        return servers;
    }

    /** NATS server URLs. */
    public void setServers(String servers) {
        this.servers = servers;
    }

    public String getStream() {
        return stream;
    }

    /** NATS stream name. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    public boolean isAutoCreateStreams() {
        return autoCreateStreams;
    }

    /** Create missing NATS streams at start. */
    public void setAutoCreateStreams(boolean autoCreateStreams) {
        this.autoCreateStreams = autoCreateStreams;
    }

    public long getDuplicateWindow() {
        return duplicateWindow;
    }

    /** NATS duplicate window in milliseconds. */
    public void setDuplicateWindow(long duplicateWindow) {
        this.duplicateWindow = duplicateWindow;
    }

    public String getRetention() {
        return retention;
    }

    /** NATS retention policy of created streams. */
    public void setRetention(String retention) {
        this.retention = retention;
    }

    public long getMaxAge() {
        return maxAge;
    }

    /** NATS max age of created streams. */
    public void setMaxAge(long maxAge) {
        this.maxAge = maxAge;
    }

    public int getReplicas() {
        return replicas;
    }

    /** NATS replicas of created streams. */
    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public long getAckWait() {
        return ackWait;
    }

    /** NATS ack wait. */
    public void setAckWait(long ackWait) {
        this.ackWait = ackWait;
    }

    public long getResequenceTimeout() {
        return resequenceTimeout;
    }

    /** NATS per-aggregate resequencing timeout. */
    public void setResequenceTimeout(long resequenceTimeout) {
        this.resequenceTimeout = resequenceTimeout;
    }

    public String getConsumePartitions() {
        return consumePartitions;
    }

    /** NATS partitions this consumer binds. */
    public void setConsumePartitions(String consumePartitions) {
        this.consumePartitions = consumePartitions;
    }

    public int getMaxPendingPublishes() {
        return maxPendingPublishes;
    }

    /** NATS bound on unacknowledged publishes. */
    public void setMaxPendingPublishes(int maxPendingPublishes) {
        this.maxPendingPublishes = maxPendingPublishes;
    }

    public String getUsername() {
        return username;
    }

    /** NATS user name. */
    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    /** NATS password. */
    public void setPassword(String password) {
        this.password = password;
    }

    public String getToken() {
        return token;
    }

    /** NATS token. */
    public void setToken(String token) {
        this.token = token;
    }

    public String getCredentialsFilePath() {
        return credentialsFilePath;
    }

    /** NATS credentials file. */
    public void setCredentialsFilePath(String credentialsFilePath) {
        this.credentialsFilePath = credentialsFilePath;
    }

    public String getNkey() {
        return nkey;
    }

    /** NATS NKey seed. */
    public void setNkey(String nkey) {
        this.nkey = nkey;
    }

    public boolean isSecure() {
        return secure;
    }

    /** NATS TLS. */
    public void setSecure(boolean secure) {
        this.secure = secure;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /** NATS TLS configuration. */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public KafkaClientFactory getKafkaClientFactory() {
        return kafkaClientFactory;
    }

    /**
     * Kafka: the factory of the producer and the consumers; when unset, the registry's single KafkaClientFactory bean,
     * else camel-kafka's DefaultKafkaClientFactory.
     */
    public void setKafkaClientFactory(KafkaClientFactory kafkaClientFactory) {
        this.kafkaClientFactory = kafkaClientFactory;
    }

    public Connection getConnection() {
        return connection;
    }

    /** NATS: a connection to use instead of connecting to the servers; not closed by the endpoint. */
    public void setConnection(Connection connection) {
        this.connection = connection;
    }
}
