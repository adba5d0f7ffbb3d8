package dev.eventbus.camel;

import dev.eventbus.camel.transport.TraceHeaders;
import org.apache.camel.cloudevents.CloudEvent;
import org.apache.camel.spi.Metadata;

/** Camel message headers of the {@code eventbus:} component. */
public final class EventBusConstants {

    @Metadata(description = "The event id. Generated as a UUIDv7 when absent on publish.", javaType = "String")
    public static final String EVENT_ID = "CamelEventBusEventId";
    @Metadata(description = "The aggregate the event belongs to; events of one aggregate are consumed in order. Required on publish.",
              javaType = "String", required = true)
    public static final String AGGREGATE_ID = "CamelEventBusAggregateId";
    @Metadata(description = "The event type. Required on publish.", javaType = "String", required = true)
    public static final String EVENT_TYPE = "CamelEventBusEventType";
    @Metadata(description = "The version of the aggregate this event produces, 1 or more. Required on publish.",
              javaType = "long", required = true)
    public static final String EVENT_VERSION = "CamelEventBusEventVersion";
    @Metadata(description = "When the event happened. The current time when absent on publish.",
              javaType = "java.time.Instant")
    public static final String TIMESTAMP = "CamelEventBusTimestamp";
    @Metadata(description = "Trace id carried in the envelope.", javaType = "String")
    public static final String TRACE_ID = "CamelEventBusTraceId";
    @Metadata(description = "Correlation id carried in the envelope.", javaType = "String")
    public static final String CORRELATION_ID = "CamelEventBusCorrelationId";
    @Metadata(description = "Tenant id carried in the envelope (0 or absent when none): a 64-bit integer, as the Go event bus writes it.",
              javaType = "long")
    public static final String TENANT_ID = "CamelEventBusTenantId";
    @Metadata(label = "consumer", description = "The topic the event was consumed from.", javaType = "String")
    public static final String TOPIC = "CamelEventBusTopic";
    @Metadata(label = "consumer", description = "The partition the event was consumed from.", javaType = "int")
    public static final String PARTITION = "CamelEventBusPartition";
    @Metadata(label = "consumer",
              description = "The offset of the event in its partition (Kafka offset, NATS stream sequence).",
              javaType = "long")
    public static final String OFFSET = "CamelEventBusOffset";
    @Metadata(label = "consumer",
              description = "How many times this event has been handed to the route, starting at 1 (transport redeliveries and in-place retries).",
              javaType = "int")
    public static final String DELIVERY_COUNT = "CamelEventBusDeliveryCount";
    @Metadata(label = "producer",
              description = "Set after a publish the transport acknowledged: the id of the published event (a String), or for a batch the ids of its events in order (a List<String>); so a route can log or store them. An input CamelEventBusEventId is not changed; a failed publish removes this header.",
              javaType = "Object")
    public static final String PUBLISHED_EVENT_ID = "CamelEventBusPublishedEventId";
    @Metadata(label = "producer",
              description = "true to publish the event as a replay (e.g. a dead letter whose cause was fixed): consumers process it even when its version is not above the aggregate's last processed one. On NATS it is stored under message id replay:{event id}, so the duplicate window does not drop it as the original.",
              javaType = "boolean")
    public static final String REPLAY = "CamelEventBusReplay";

    // W3C trace context (transport.TraceHeaders): the only Camel headers a published record carries
    @Metadata(description = "W3C Trace Context traceparent. On publish it is written to the record (from this header in any letter case) and fills an absent trace id with its trace id; on consume it is set from the record's header when valid (a malformed one is dropped).",
              javaType = "String")
    public static final String TRACEPARENT = TraceHeaders.TRACEPARENT;
    @Metadata(description = "W3C Trace Context tracestate (up to 512 printable ASCII characters), carried in both directions next to a valid traceparent.",
              javaType = "String")
    public static final String TRACESTATE = TraceHeaders.TRACESTATE;
    @Metadata(description = "W3C Baggage (up to 8192 printable ASCII characters), carried in both directions.",
              javaType = "String")
    public static final String BAGGAGE = TraceHeaders.BAGGAGE;

    // camel-cloudevents' headers (org.apache.camel.cloudevents.CloudEvent), set on every consumed event, whatever its format
    @Metadata(label = "consumer", description = "CloudEvents id (the event id).", javaType = "String")
    public static final String CLOUD_EVENT_ID = CloudEvent.CAMEL_CLOUD_EVENT_ID;
    @Metadata(label = "consumer", description = "CloudEvents type (the event type).", javaType = "String")
    public static final String CLOUD_EVENT_TYPE = CloudEvent.CAMEL_CLOUD_EVENT_TYPE;
    @Metadata(label = "consumer",
              description = "CloudEvents source: the record's source attribute; for an envelope record the consuming endpoint's cloudEventsSource.",
              javaType = "String")
    public static final String CLOUD_EVENT_SOURCE = CloudEvent.CAMEL_CLOUD_EVENT_SOURCE;
    @Metadata(label = "consumer", description = "CloudEvents subject (the aggregate id).", javaType = "String")
    public static final String CLOUD_EVENT_SUBJECT = CloudEvent.CAMEL_CLOUD_EVENT_SUBJECT;
    @Metadata(label = "consumer",
              description = "CloudEvents time: the event's timestamp as RFC 3339 text (UTC, nanoseconds).",
              javaType = "String")
    public static final String CLOUD_EVENT_TIME = CloudEvent.CAMEL_CLOUD_EVENT_TIME;
    @Metadata(label = "consumer", description = "CloudEvents specversion: 1.0.", javaType = "String")
    public static final String CLOUD_EVENT_VERSION = CloudEvent.CAMEL_CLOUD_EVENT_VERSION;
    @Metadata(label = "consumer", description = "CloudEvents datacontenttype: application/json.", javaType = "String")
    public static final String CLOUD_EVENT_DATA_CONTENT_TYPE = CloudEvent.CAMEL_CLOUD_EVENT_DATA_CONTENT_TYPE;

    private EventBusConstants() {
    }
}
