package dev.eventbus.camel;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.Rfc3339;
import dev.eventbus.camel.format.CloudEventAttributes;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.DataType;
import org.apache.camel.support.DefaultMessage;

/**
 * The message of a consumed event. Like camel-jms's {@code JmsMessage}, it fills its headers only when a route first
 * touches them ({@link #populateInitialHeaders}) and, with {@code deliver=payload} and no {@code payloadType}, makes the
 * payload String only when the body is first read ({@link #createBody}): a route that reads neither costs neither.
 * What it shows is what an eagerly filled message would: the record headers that passed the filter, the trace headers,
 * then the envelope fields, the CloudEvents attributes and where the event came from ({@link ExchangeEnvelopes}
 * decided which and ran the header filter before).
 * <p>
 * The envelope headers have fixed names, so they are kept in Camel's case-insensitive order once for all: a Camel header
 * map (a {@code TreeMap} in that order) takes them all in one linear build instead of a search per header.
 */
final class EventMessage extends DefaultMessage {

    /** The fixed header names, by the index {@link #value} takes; {@link #ORDER} sorts them as Camel's map does. */
    private static final String[] NAMES = {
            EventBusConstants.EVENT_ID, EventBusConstants.AGGREGATE_ID, EventBusConstants.EVENT_TYPE,
            EventBusConstants.EVENT_VERSION, EventBusConstants.TIMESTAMP, EventBusConstants.TRACE_ID,
            EventBusConstants.CORRELATION_ID, EventBusConstants.TENANT_ID, EventBusConstants.CLOUD_EVENT_VERSION,
            EventBusConstants.CLOUD_EVENT_ID, EventBusConstants.CLOUD_EVENT_TYPE, EventBusConstants.CLOUD_EVENT_SOURCE,
            EventBusConstants.CLOUD_EVENT_SUBJECT, EventBusConstants.CLOUD_EVENT_TIME,
            EventBusConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, EventBusConstants.TOPIC, EventBusConstants.PARTITION,
            EventBusConstants.OFFSET, EventBusConstants.DELIVERY_COUNT};
    private static final int[] ORDER = caseInsensitiveOrder();
    /** The indexes of the optional envelope fields in {@link #NAMES}. */
    private static final int TRACE_ID = 5;
    private static final int CORRELATION_ID = 6;
    private static final int TENANT_ID = 7;

    private final Envelope envelope;
    private final String source;
    private final String topic;
    private final int partition;
    private final long offset;
    private final int deliveryCount;
    /** The record headers that passed the filter, as name, value, name, value...; null when there are none. */
    private final List<String> recordHeaders;
    /** The trace headers that passed the filter. */
    private final Map<String, String> traceHeaders;
    /** Whether the body is the payload as a String, made on first read. */
    private boolean payloadBody;

    /**
     * @param source       the event's CloudEvents source
     * @param payloadBody  whether the body is the payload as a String, made when it is first read; when false the
     *                     caller sets the body
     */
    EventMessage(Exchange exchange, Envelope envelope, String source, String topic, int partition, long offset,
            int deliveryCount, List<String> recordHeaders, Map<String, String> traceHeaders, boolean payloadBody) {
        super(exchange);
        this.envelope = envelope;
        this.source = source;
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.deliveryCount = deliveryCount;
        this.recordHeaders = recordHeaders;
        this.traceHeaders = traceHeaders;
        this.payloadBody = payloadBody;
    }

    @Override
    protected Object createBody() {
        if (!payloadBody) {
            return null;
        }
        payloadBody = false;
        return envelope.payloadAsString();
    }

    // a body set in any way, null included, replaces the payload for good (the last two set the field directly)

    @Override
    public void setBody(Object body) {
        payloadBody = false;
        super.setBody(body);
    }

    @Override
    public void setBody(Object body, DataType type) {
        payloadBody = false;
        super.setBody(body, type);
    }

    @Override
    public void copyFromWithNewBody(Message that, Object newBody) {
        payloadBody = false;
        super.copyFromWithNewBody(that, newBody);
    }

    @Override
    public void reset() {
        payloadBody = false;
        super.reset();
    }

    @Override
    protected void populateInitialHeaders(Map<String, Object> map) {
        // the envelope's headers first, in one build when the map is Camel's; then the record's and the trace headers,
        // whose names never match theirs (the filter took out every camel* name)
        map.putAll(new FixedHeaders());
        if (recordHeaders != null) {
            for (int i = 0; i < recordHeaders.size(); i += 2) {
                map.put(recordHeaders.get(i), recordHeaders.get(i + 1));
            }
        }
        map.putAll(traceHeaders);
    }

    /** Whether the headers were filled (a route touched them). */
    boolean headersFilled() {
        return hasPopulatedHeaders();
    }

    @Override
    protected boolean isPopulateHeadersSupported() {
        return true;
    }

    /** Whether the event has no header {@code NAMES[index]} (an optional envelope field that is not set). */
    private boolean absent(int index) {
        return index == TRACE_ID && envelope.traceId() == null
                || index == CORRELATION_ID && envelope.correlationId() == null
                || index == TENANT_ID && envelope.tenantId() == 0;
    }

    /** The value of the header {@code NAMES[index]}. */
    private Object value(int index) {
        return switch (index) {
            case 0, 9 -> envelope.eventId();
            case 1, 12 -> envelope.aggregateId();
            case 2, 10 -> envelope.eventType();
            case 3 -> envelope.eventVersion();
            case 4 -> envelope.timestamp();
            case TRACE_ID -> envelope.traceId();
            case CORRELATION_ID -> envelope.correlationId();
            case TENANT_ID -> envelope.tenantId();
            case 8 -> CloudEventAttributes.SPEC_VERSION;
            case 11 -> source;
            case 13 -> Rfc3339.format(envelope.timestamp());
            case 14 -> CloudEventAttributes.JSON;
            case 15 -> topic;
            case 16 -> partition;
            case 17 -> offset;
            case 18 -> deliveryCount;
            default -> throw new IllegalArgumentException("no header " + index);
        };
    }

    /** The indexes of {@link #NAMES} in case-insensitive order of the names. */
    private static int[] caseInsensitiveOrder() {
        Integer[] order = new Integer[NAMES.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> NAMES[i], String.CASE_INSENSITIVE_ORDER));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The fixed headers as a map sorted like Camel's header map: {@code TreeMap.putAll} of a sorted map with the same
     * comparator into an empty tree builds the tree in linear time. Read-only and read once, by one {@code putAll}: the
     * map is its own entry set's only iterator, and every entry it returns is itself at its current header, read at
     * once (as {@code TreeMap.buildFromSorted} and {@code AbstractMap.putAll} do). Only what those use is there.
     */
    private final class FixedHeaders extends AbstractMap<String, Object>
            implements
                SortedMap<String, Object>,
                Iterator<Map.Entry<String, Object>>,
                Map.Entry<String, Object> {
        private final int size;
        private int next;
        private int current = -1;

        FixedHeaders() {
            int present = 0;
            for (int i = 0; i < NAMES.length; i++) {
                if (!absent(i)) {
                    present++;
                }
            }
            this.size = present;
            this.next = skipAbsent(0);
        }

        @Override
        public Comparator<? super String> comparator() {
            return String.CASE_INSENSITIVE_ORDER;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return FixedHeaders.this;
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        @Override
        public boolean hasNext() {
            return next < ORDER.length;
        }

        @Override
        public Entry<String, Object> next() {
            if (next >= ORDER.length) {
                throw new NoSuchElementException();
            }
            current = ORDER[next];
            next = skipAbsent(next + 1);
            return this;
        }

        @Override
        public String getKey() {
            return NAMES[current];
        }

        @Override
        public Object getValue() {
            return value(current);
        }

        @Override
        public Object setValue(Object value) {
            throw new UnsupportedOperationException();
        }

        private int skipAbsent(int from) {
            int i = from;
            while (i < ORDER.length && absent(ORDER[i])) {
                i++;
            }
            return i;
        }

        @Override
        public SortedMap<String, Object> subMap(String fromKey, String toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, Object> headMap(String toKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SortedMap<String, Object> tailMap(String fromKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String firstKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String lastKey() {
            throw new UnsupportedOperationException();
        }
    }
}
