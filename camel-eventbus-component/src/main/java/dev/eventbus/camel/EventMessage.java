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

    /** The fixed header names in {@link String#CASE_INSENSITIVE_ORDER}: the order of {@link #values}. */
    private static final String[] NAMES = {
            EventBusConstants.EVENT_ID, EventBusConstants.AGGREGATE_ID, EventBusConstants.EVENT_TYPE,
            EventBusConstants.EVENT_VERSION, EventBusConstants.TIMESTAMP, EventBusConstants.TRACE_ID,
            EventBusConstants.CORRELATION_ID, EventBusConstants.TENANT_ID, EventBusConstants.CLOUD_EVENT_VERSION,
            EventBusConstants.CLOUD_EVENT_ID, EventBusConstants.CLOUD_EVENT_TYPE, EventBusConstants.CLOUD_EVENT_SOURCE,
            EventBusConstants.CLOUD_EVENT_SUBJECT, EventBusConstants.CLOUD_EVENT_TIME,
            EventBusConstants.CLOUD_EVENT_DATA_CONTENT_TYPE, EventBusConstants.TOPIC, EventBusConstants.PARTITION,
            EventBusConstants.OFFSET, EventBusConstants.DELIVERY_COUNT};
    private static final int[] ORDER = caseInsensitiveOrder();
    /** A header an eagerly filled message would not have had (an optional envelope field that is not set). */
    private static final Object ABSENT = new Object();

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

    @Override
    public void setBody(Object body) {
        payloadBody = false; // a body set, null included, replaces the payload for good
        super.setBody(body);
    }

    @Override
    protected void populateInitialHeaders(Map<String, Object> map) {
        // the envelope's headers first, in one build when the map is Camel's; then the record's and the trace headers,
        // whose names never match theirs (the filter took out every camel* name)
        map.putAll(new FixedHeaders(fixedValues()));
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

    /** The values of {@link #NAMES}, {@link #ABSENT} for a header the event does not have. */
    private Object[] fixedValues() {
        return new Object[]{
                envelope.eventId(), envelope.aggregateId(), envelope.eventType(), envelope.eventVersion(),
                envelope.timestamp(), envelope.traceId() != null ? envelope.traceId() : ABSENT,
                envelope.correlationId() != null ? envelope.correlationId() : ABSENT,
                envelope.tenantId() != 0 ? (Object) envelope.tenantId() : ABSENT, CloudEventAttributes.SPEC_VERSION,
                envelope.eventId(), envelope.eventType(), source, envelope.aggregateId(),
                Rfc3339.format(envelope.timestamp()), CloudEventAttributes.JSON, topic, partition, offset,
                deliveryCount};
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
     * comparator into an empty tree builds the tree in linear time. Read-only and read once; only what {@code putAll}
     * and {@code AbstractMap} use is there.
     */
    private static final class FixedHeaders extends AbstractMap<String, Object> implements SortedMap<String, Object> {
        private final Object[] values;
        private final int size;

        FixedHeaders(Object[] values) {
            this.values = values;
            int present = 0;
            for (Object value : values) {
                if (value != ABSENT) {
                    present++;
                }
            }
            this.size = present;
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
                    return new Cursor();
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        /**
         * Walks the present headers; every entry it returns is the cursor itself at its current header, read at once
         * by {@code putAll} (as {@code TreeMap.buildFromSorted} and {@code AbstractMap.putAll} do): no entry object
         * per header.
         */
        private final class Cursor implements Iterator<Entry<String, Object>>, Entry<String, Object> {
            private int next = skipAbsent(0);
            private int current = -1;

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
                return values[current];
            }

            @Override
            public Object setValue(Object value) {
                throw new UnsupportedOperationException();
            }
        }

        private int skipAbsent(int from) {
            int i = from;
            while (i < ORDER.length && values[ORDER[i]] == ABSENT) {
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
