package dev.eventbus.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of an {@code eventbus:} endpoint; every option can also be set on the component. */
@UriParams
public class EventBusConfiguration implements Cloneable {

    @UriPath(description = "The topic to publish to or consume from")
    @Metadata(required = true)
    private String topic;

    @UriParam(label = "common", defaultValue = "memory", enums = "memory,kafka,nats",
              description = "The transport: memory (in-JVM topics of this CamelContext), kafka or nats")
    private TransportType transport = TransportType.memory;

    @UriParam(label = "common", defaultValue = "envelope", enums = "envelope",
              description = "The wire format of events: the JSON envelope shared with the Go event bus")
    private WireFormat format = WireFormat.envelope;

    @UriParam(label = "common", defaultValue = "8",
              description = "Partitions of a topic this endpoint creates; events of one aggregate always go to the same partition")
    private int partitions = 8;

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

    @UriParam(label = "consumer",
              description = "Where undecodable events and events that failed maxDeliveries times go, with the original bytes and a reason header. Default: the topic name followed by .dlq")
    private String deadLetterTopic;

    @UriParam(label = "consumer", defaultValue = "true",
              description = "Skip (and acknowledge) an event whose version is at or below the last processed version of its aggregate")
    private boolean skipDuplicates = true;

    @UriParam(label = "consumer,advanced", defaultValue = "100000",
              description = "How many aggregates the duplicate check remembers (least recently used are forgotten), per consumer")
    private int aggregateCacheSize = 100_000;

    @UriParam(label = "producer", defaultValue = "30000", javaType = "java.time.Duration",
              description = "How long a publish may wait for the transport (room in a full memory topic, a broker acknowledgement) before the exchange fails, in milliseconds")
    private long publishTimeout = 30_000;

    @UriParam(label = "memory", defaultValue = "10000",
              description = "Memory transport: events a partition keeps until every group consumed them; producers wait when it is full")
    private int capacity = 10_000;

    /** Returns a copy for one endpoint. */
    public EventBusConfiguration copy() {
        try {
            return (EventBusConfiguration) clone();
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

    /** The wire format of events. */
    public void setFormat(WireFormat format) {
        this.format = format;
    }

    public int getPartitions() {
        return partitions;
    }

    /** Partitions of a topic this endpoint creates. */
    public void setPartitions(int partitions) {
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

    public long getMaxRedeliveryDelay() {
        return maxRedeliveryDelay;
    }

    /** Upper bound of the redelivery delay, in milliseconds. */
    public void setMaxRedeliveryDelay(long maxRedeliveryDelay) {
        this.maxRedeliveryDelay = maxRedeliveryDelay;
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

    public int getCapacity() {
        return capacity;
    }

    /** Memory transport: events a partition keeps before producers wait. */
    public void setCapacity(int capacity) {
        this.capacity = capacity;
    }
}
