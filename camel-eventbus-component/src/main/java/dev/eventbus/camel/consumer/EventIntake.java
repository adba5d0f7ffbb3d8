package dev.eventbus.camel.consumer;

import java.util.ArrayList;
import java.util.List;

import dev.eventbus.camel.envelope.Envelope;
import dev.eventbus.camel.envelope.InvalidEnvelopeException;
import dev.eventbus.camel.format.EventFormat;
import dev.eventbus.camel.format.EventFormats;
import dev.eventbus.camel.ordering.KeyedLanes;
import dev.eventbus.camel.transport.Delivery;
import dev.eventbus.camel.transport.DeliveryHandler;
import dev.eventbus.camel.transport.WireHeaders;

/**
 * Turns the transport's records into events and hands them to the keyed lanes. The envelope decides the lane: a
 * record is decoded first (on the transport's poll thread) and goes to the lane of its {@code aggregate_id}, whatever
 * its key, so one aggregate never runs on two lanes. A record that is not an event still goes to a lane (by its key),
 * marked for the dead-letter topic with the reason:
 * <ul>
 * <li>a null value (a Kafka tombstone); the dead-letter record gets an empty value;</li>
 * <li>bytes that are not a valid event of the record's format (envelope or CloudEvent, detected by
 * {@link EventFormats}; including an {@code event_version} above
 * {@link dev.eventbus.camel.envelope.EnvelopeValidator#MAX_EVENT_VERSION});</li>
 * <li>a record key (or, for a record without key, an {@code X-Aggregate-ID} header) that names another aggregate than
 * the envelope: such a record sits on another aggregate's partition, so its order against its own aggregate's events
 * is unknown.</li>
 * </ul>
 */
public final class EventIntake implements DeliveryHandler {

    /** Longest id quoted in a reason. */
    private static final int MAX_QUOTED = 300;

    private final KeyedLanes<InboundEvent> lanes;
    private final EventFormats formats;

    public EventIntake(KeyedLanes<InboundEvent> lanes, EventFormats formats) {
        this.lanes = lanes;
        this.formats = formats;
    }

    @Override
    public void onDelivery(Delivery delivery) {
        InboundEvent event = toEvent(delivery);
        lanes.submit(event.laneKey, event);
    }

    @Override
    public void onDeliveries(List<? extends Delivery> deliveries) {
        List<String> keys = new ArrayList<>(deliveries.size());
        List<InboundEvent> events = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            InboundEvent event = toEvent(delivery);
            keys.add(event.laneKey);
            events.add(event);
        }
        lanes.submitAll(keys, events);
    }

    /** Decodes a record; never throws: whatever goes wrong becomes a dead-letter reason. */
    InboundEvent toEvent(Delivery delivery) {
        byte[] value = delivery.value();
        if (value == null) {
            return new InboundEvent(delivery, null, "null value (a tombstone): not an event");
        }
        EventFormat.Decoded decoded;
        try {
            decoded = formats.decode(delivery);
        } catch (InvalidEnvelopeException e) {
            return new InboundEvent(delivery, null, "undecodable: " + e.getMessage(), e);
        } catch (RuntimeException | StackOverflowError e) {
            return new InboundEvent(delivery, null, "undecodable: the decoder failed: " + e, e);
        }
        Envelope envelope = decoded.envelope();
        String mismatch = mismatch(delivery, envelope.aggregateId());
        if (mismatch != null) {
            return new InboundEvent(delivery, null, mismatch);
        }
        InboundEvent event = new InboundEvent(delivery, envelope, null);
        event.source = decoded.source();
        return event;
    }

    /** Why the record's key or aggregate header disagrees with the envelope, or null when they agree (or are absent). */
    private static String mismatch(Delivery delivery, String aggregateId) {
        String key = delivery.key();
        if (key != null) {
            // a key that agrees is enough (on NATS the key is the X-Aggregate-ID header): no header scan per event
            return key.equals(aggregateId) ? null
                    : "record key '" + quote(key) + "' does not match the envelope's aggregate_id '" + aggregateId
                            + "'";
        }
        String[] header = new String[1];
        delivery.forEachHeader(WireHeaders.AGGREGATE_ID::equals, (name, value) -> header[0] = value);
        if (header[0] != null && !header[0].equals(aggregateId)) {
            return "header " + WireHeaders.AGGREGATE_ID + " '" + quote(header[0])
                    + "' does not match the envelope's aggregate_id '" + aggregateId + "'";
        }
        return null;
    }

    private static String quote(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }
}
